#include "annotate/allele_sources.h"

#include <htslib/vcf.h>

#include "core/reference.h"
#include "core/sequence.h"
#include "kb/clinvar.h"
#include "kb/variant_sites.h"

namespace zenome {

namespace {
// The ClinVar columns added to CSQ, in this order.
const std::vector<std::string> kClinVarFields = {"CLIN_SIG", "CLIN_STARS", "CLIN_REVSTAT",
                                                 "CLIN_DN",  "CLIN_ID",    "CLIN_ALLELEID"};

// Header attribute values are quoted; a quote inside would end them early.
std::string Unquoted(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '"') c = '\'';
  }
  return out;
}
}  // namespace

struct AlleleSourcesConfig::Impl {
  std::vector<std::shared_ptr<const VariantSiteSource>> frequencies;
  std::shared_ptr<const VariantSiteSource> clinvar;
};

AlleleSourcesConfig::AlleleSourcesConfig() : impl_(std::make_unique<Impl>()) {}
AlleleSourcesConfig::~AlleleSourcesConfig() = default;
AlleleSourcesConfig::AlleleSourcesConfig(AlleleSourcesConfig&&) noexcept = default;
AlleleSourcesConfig& AlleleSourcesConfig::operator=(AlleleSourcesConfig&&) noexcept = default;

Result<AlleleSourcesConfig> AlleleSourcesConfig::Parse(const std::vector<std::string>& frequency_specs,
                                                       const std::string& clinvar,
                                                       const ReferenceGenome& reference) {
  AlleleSourcesConfig config;
  for (const std::string& text : frequency_specs) {
    ZENOME_ASSIGN_OR_RETURN(SiteFieldSpec spec, ParseSiteFieldSpec(text));
    for (const auto& existing : config.impl_->frequencies) {
      if (existing->spec().name == spec.name) {
        return Status::Usage("two --af sources are both named '" + spec.name +
                             "'; name them apart with NAME=PATH:FIELDS");
      }
    }
    ZENOME_ASSIGN_OR_RETURN(auto source, VariantSiteSource::Open(std::move(spec), &reference));
    config.impl_->frequencies.push_back(std::move(source));
  }
  if (!clinvar.empty()) {
    ZENOME_ASSIGN_OR_RETURN(config.impl_->clinvar, ClinVarReader::OpenSource(clinvar, &reference));
  }
  return config;
}

bool AlleleSourcesConfig::empty() const {
  return impl_->frequencies.empty() && impl_->clinvar == nullptr;
}

std::vector<std::string> AlleleSourcesConfig::FieldNames() const {
  std::vector<std::string> names;
  for (const auto& source : impl_->frequencies) {
    for (size_t i = 0; i < source->spec().fields.size(); ++i) names.push_back(source->spec().OutputKey(i));
  }
  if (impl_->clinvar != nullptr) names.insert(names.end(), kClinVarFields.begin(), kClinVarFields.end());
  return names;
}

std::vector<std::string> AlleleSourcesConfig::HeaderLines() const {
  std::vector<std::string> lines;
  auto describe = [&lines](const VariantSiteSource& source, const std::string& fields) {
    lines.push_back("##zenome_annotation_source=<ID=" + source.spec().name + ",File=\"" +
                    Unquoted(source.path()) + "\",Fields=\"" + fields + "\",Version=\"" +
                    Unquoted(source.version()) + "\">");
  };
  for (const auto& source : impl_->frequencies) {
    std::string fields;
    for (size_t i = 0; i < source->spec().fields.size(); ++i) {
      fields += (i > 0 ? "," : "") + source->spec().OutputKey(i);
    }
    describe(*source, fields);
  }
  if (impl_->clinvar != nullptr) {
    std::string fields;
    for (const auto& field : kClinVarFields) fields += (fields.empty() ? "" : ",") + field;
    describe(*impl_->clinvar, fields);
  }
  return lines;
}

struct AlleleSources::Impl {
  std::vector<std::unique_ptr<VariantSiteReader>> frequencies;
  std::unique_ptr<ClinVarReader> clinvar;
  std::unique_ptr<ReferenceReader> reference;  // this worker's own, used by the site readers
  std::vector<Interval0> windows;
};

AlleleSources::AlleleSources() : impl_(std::make_unique<Impl>()) {}
AlleleSources::~AlleleSources() = default;

Result<std::unique_ptr<AlleleSources>> AlleleSources::Open(const AlleleSourcesConfig& config,
                                                           std::shared_ptr<const ReferenceGenome> reference) {
  std::unique_ptr<AlleleSources> sources(new AlleleSources());
  ZENOME_ASSIGN_OR_RETURN(sources->impl_->reference, ReferenceReader::Open(std::move(reference)));
  for (const auto& source : config.impl_->frequencies) {
    ZENOME_ASSIGN_OR_RETURN(auto reader, VariantSiteReader::Open(source, *sources->impl_->reference));
    sources->impl_->frequencies.push_back(std::move(reader));
  }
  if (config.impl_->clinvar != nullptr) {
    ZENOME_ASSIGN_OR_RETURN(sources->impl_->clinvar,
                            ClinVarReader::Open(config.impl_->clinvar, *sources->impl_->reference));
  }
  return sources;
}

Status AlleleSources::Prepare(std::string_view contig, const std::vector<BcfRecordPtr>& records, size_t begin,
                              size_t end) {
  Impl& impl = *impl_;
  impl.windows.clear();
  // Where an allele's matches may lie depends only on the reference, so any reader computes it.
  VariantSiteReader& any = impl.frequencies.empty() ? impl.clinvar->sites() : *impl.frequencies.front();
  if (!impl.reference->genome().NativeName(contig)) return Status::Ok();  // not annotated anyway
  for (size_t i = begin; i < end; ++i) {
    const bcf1_t* record = records[i].get();
    std::string_view ref = record->d.allele[0];
    for (int alt = 1; alt < record->n_allele; ++alt) {
      std::string_view alt_allele = record->d.allele[alt];
      if (!IsAcgtn(alt_allele) || !IsAcgtn(ref)) continue;
      ZENOME_ASSIGN_OR_RETURN(Interval0 window, any.MatchWindow(contig, record->pos, ref, alt_allele));
      impl.windows.push_back(window);
    }
  }
  for (auto& reader : impl.frequencies) ZENOME_RETURN_IF_ERROR(reader->Load(contig, impl.windows));
  if (impl.clinvar != nullptr) ZENOME_RETURN_IF_ERROR(impl.clinvar->Load(contig, impl.windows));
  return Status::Ok();
}

Status AlleleSources::Lookup(std::string_view contig, int64_t pos0, std::string_view ref,
                             std::string_view alt, std::vector<std::string>& values) {
  for (auto& reader : impl_->frequencies) {
    ZENOME_ASSIGN_OR_RETURN(std::optional<SiteValues> hit, reader->Lookup(contig, pos0, ref, alt));
    const size_t n = reader->source().spec().fields.size();
    for (size_t i = 0; i < n; ++i) {
      values.push_back(hit && hit->has(i) ? EscapeCsqValue(hit->value(i)) : std::string());
    }
  }
  if (impl_->clinvar != nullptr) {
    ZENOME_ASSIGN_OR_RETURN(std::optional<ClinVarAssertion> hit,
                            impl_->clinvar->Lookup(contig, pos0, ref, alt));
    if (hit) {
      values.push_back(EscapeCsqValue(hit->significance));
      values.push_back(hit->stars >= 0 ? std::to_string(hit->stars) : std::string());
      values.push_back(EscapeCsqValue(hit->review_status));
      values.push_back(EscapeCsqValue(hit->disease_names));
      values.push_back(EscapeCsqValue(hit->variation_id));
      values.push_back(EscapeCsqValue(hit->allele_id));
    } else {
      values.resize(values.size() + kClinVarFields.size());
    }
  }
  return Status::Ok();
}

}  // namespace zenome
