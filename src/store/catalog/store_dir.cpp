#include "store/catalog/store_dir.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/fault_point.h"
#include "core/reference.h"
#include "store/catalog/segment_rows.h"

namespace zenome {

namespace fs = std::filesystem;

Status InitStore(const std::string& dir, const StoreInitOptions& options) {
  std::error_code error;
  if (fs::exists(dir) && !fs::is_empty(dir, error)) {
    return Status::Conflict(dir + ": already exists and is not empty; a store is created in a new directory");
  }
  if (options.build == GenomeBuild::kUnknown)
    return Status::Usage("a store needs a reference build (--build)");
  nlohmann::json contigs = nlohmann::json::array();
  std::string reference;
  if (!options.reference_fasta.empty()) {
    ZENOME_ASSIGN_OR_RETURN(auto genome, ReferenceGenome::Open(options.reference_fasta));
    GenomeBuild detected = genome->build();
    if ((detected == GenomeBuild::kGRCh37 || detected == GenomeBuild::kGRCh38) && detected != options.build) {
      return Status::Conflict(options.reference_fasta + " is " + std::string(GenomeBuildName(detected)) +
                              " but the store is declared " + std::string(GenomeBuildName(options.build)));
    }
    for (const auto& contig : genome->contigs())
      contigs.push_back({{"name", contig.name}, {"length", contig.length}});
    reference = fs::absolute(options.reference_fasta).string();
  }
  fs::create_directories(fs::path(dir) / "segments", error);
  if (error) return Status::Io(dir + ": cannot create the store directory: " + error.message());
  ZENOME_ASSIGN_OR_RETURN(auto catalog,
                          Catalog::Open((fs::path(dir) / "catalog.sqlite").string(), Catalog::Mode::kCreate));
  ZENOME_ASSIGN_OR_RETURN(auto transaction, catalog->Begin());
  ZENOME_RETURN_IF_ERROR(catalog->CreateBaseSchema());
  ZENOME_RETURN_IF_ERROR(catalog->SetMeta("format_version", kStoreFormatVersion));
  ZENOME_RETURN_IF_ERROR(catalog->SetMeta("schema_version", std::to_string(kCatalogSchemaVersion)));
  ZENOME_RETURN_IF_ERROR(catalog->SetMeta("build", GenomeBuildName(options.build)));
  ZENOME_RETURN_IF_ERROR(catalog->SetMeta("reference", reference));
  ZENOME_RETURN_IF_ERROR(catalog->SetMeta("contigs", contigs.dump()));
  return transaction->Commit();
}

Result<StoreHandle> OpenStore(const std::string& dir, bool for_writing) {
  std::string catalog_path = (fs::path(dir) / "catalog.sqlite").string();
  if (!fs::exists(catalog_path)) {
    return Status::NotFound(dir + ": not a zenome store (no catalog.sqlite; create one with zenome db init)");
  }
  StoreHandle handle;
  handle.dir = dir;
  if (for_writing) {
    ZENOME_ASSIGN_OR_RETURN(handle.lock, StoreLock::Acquire(dir));
  }
  ZENOME_ASSIGN_OR_RETURN(
      handle.catalog,
      Catalog::Open(catalog_path, for_writing ? Catalog::Mode::kReadWrite : Catalog::Mode::kReadOnly));
  ZENOME_ASSIGN_OR_RETURN(auto format, handle.catalog->GetMeta("format_version"));
  if (!format || *format != kStoreFormatVersion) {
    return Status::Unsupported(dir + ": store format version " + (format ? *format : std::string("?")) +
                               " is not supported by this zenome (expects " + kStoreFormatVersion + ")");
  }
  ZENOME_ASSIGN_OR_RETURN(auto build, handle.catalog->GetMeta("build"));
  if (build) {
    auto parsed = ParseGenomeBuild(*build);
    if (parsed.ok()) handle.build = *parsed;
  }
  ZENOME_ASSIGN_OR_RETURN(auto reference, handle.catalog->GetMeta("reference"));
  if (reference) handle.reference_fasta = *reference;
  if (for_writing) {
    // What a killed writer may have left: never referenced by the catalog, so safe to remove.
    std::error_code error;
    FaultPoint("open.remove-staging");
    fs::remove_all(fs::path(dir) / "staging", error);
    std::set<std::string> referenced;
    ZENOME_ASSIGN_OR_RETURN(std::vector<SegmentRow> segments, ListSegments(*handle.catalog));
    for (const auto& segment : segments) referenced.insert(segment.directory);
    for (const auto& entry : fs::directory_iterator(fs::path(dir) / "segments", error)) {
      if (referenced.count(entry.path().filename().string())) continue;
      FaultPoint("open.remove-unreferenced");
      fs::remove_all(entry.path(), error);
    }
  }
  return handle;
}

}  // namespace zenome
