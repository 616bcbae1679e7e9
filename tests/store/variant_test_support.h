#pragma once
// Fixtures for the variant-store tests: a small deterministic reference (chr1 with a CA repeat for
// left-alignment, chrX, chrY, chrM), hand-written VCFs, and a store created on it.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/ingest/ingest.h"
#include "store/variants/variant_store.h"
#include "support/test_support.h"

namespace zenome::testing {

inline constexpr const char* kVariantTestKey = "variants-test-key-0123456789";

// Deterministic bases (a small LCG, so every platform gets the same sequence).
inline std::string TestBases(size_t length, uint32_t seed) {
  std::string bases(length, 'A');
  uint32_t state = seed;
  for (auto& base : bases) {
    state = state * 1664525u + 1013904223u;
    base = "ACGT"[(state >> 24) & 3];
  }
  return bases;
}

struct TestGenome {
  std::vector<std::pair<std::string, std::string>> contigs;

  TestGenome() {
    std::string chr1 = TestBases(2000, 1);
    // chr1:1000 (1-based) = G, then CACACACACA at 1001-1010, then T: a deletion of one CA is
    // left-aligned to chr1:1000 GCA>G.
    chr1.replace(999, 12, "GCACACACACAT");
    contigs = {{"chr1", chr1},
               {"chrX", TestBases(2000, 2)},
               {"chrY", TestBases(600, 3)},
               {"chrM", TestBases(300, 4)}};
  }
  const std::string& Sequence(const std::string& contig) const {
    for (const auto& [name, sequence] : contigs) {
      if (name == contig) return sequence;
    }
    throw std::runtime_error("no contig " + contig);
  }
  // Reference bases at 1-based pos.
  std::string Ref(const std::string& contig, int64_t pos1, size_t length = 1) const {
    return Sequence(contig).substr(pos1 - 1, length);
  }
  // A base different from the reference at pos1 (the "next" base).
  std::string Alt(const std::string& contig, int64_t pos1, int shift = 1) const {
    const std::string bases = "ACGT";
    char ref = Sequence(contig)[pos1 - 1];
    return std::string(1, bases[(bases.find(ref) + shift) % 4]);
  }
  // ##contig lines; `rename` maps chr1 → 1 style names when true.
  std::string ContigHeader(bool without_chr = false) const {
    std::string text;
    for (const auto& [name, sequence] : contigs) {
      std::string shown = without_chr ? (name == "chrM" ? "MT" : name.substr(3)) : name;
      text += "##contig=<ID=" + shown + ",length=" + std::to_string(sequence.size()) + ">\n";
    }
    return text;
  }
};

// A VCF with GT only. `lines` are "CHROM\tPOS\tREF\tALT\tGT1\tGT2..." (ID/QUAL/FILTER/INFO filled).
inline std::string MakeVcf(const std::string& contig_header, const std::vector<std::string>& samples,
                           const std::vector<std::string>& lines, const std::string& extra_header = "") {
  std::string text = "##fileformat=VCFv4.2\n" + contig_header + extra_header +
                     "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                     "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT";
  for (const auto& sample : samples) text += "\t" + sample;
  text += "\n";
  for (const auto& line : lines) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
      size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    text += fields[0] + "\t" + fields[1] + "\t.\t" + fields[2] + "\t" + fields[3] + "\t50\tPASS\t.\tGT";
    for (size_t i = 4; i < fields.size(); ++i) text += "\t" + fields[i];
    text += "\n";
  }
  return text;
}

class VariantStoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    reference_ = dir_.File("ref.fa");
    WriteFasta(reference_, genome_.contigs);
    store_dir_ = dir_.File("store");
    StoreInitOptions options;
    options.build = GenomeBuild::kCustom;
    options.reference_fasta = reference_;
    ASSERT_TRUE(InitStore(store_dir_, options).ok());
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    WriteFile(path, text);
    return path;
  }

  Result<IngestStats> Ingest(const std::vector<std::string>& paths, bool replace = false, int threads = 2) {
    ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(store_dir_, true));
    ZENOME_ASSIGN_OR_RETURN(Pseudonymizer pseudonymizer, Pseudonymizer::FromKey(kVariantTestKey));
    IngestOptions options;
    options.replace = replace;
    options.threads = threads;
    return IngestFiles(store, pseudonymizer, paths, options);
  }

  std::unique_ptr<VariantStore> OpenVariants() {
    auto store = OpenStore(store_dir_, false);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    auto variants = VariantStore::Open(*store);
    EXPECT_TRUE(variants.ok()) << variants.status().ToString();
    return std::move(variants).value();
  }

  static std::string Pseudonym(const std::string& raw) {
    return Pseudonymizer::FromKey(kVariantTestKey)->Pseudonym(raw);
  }

  // Every file name and its size under the store's segments/ and staging/ directories.
  std::vector<std::string> SegmentListing() const {
    std::vector<std::string> listing;
    for (const char* part : {"segments", "staging"}) {
      std::filesystem::path root = std::filesystem::path(store_dir_) / part;
      if (!std::filesystem::exists(root)) continue;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        listing.push_back(entry.path().string() +
                          (entry.is_regular_file() ? ":" + std::to_string(entry.file_size()) : ""));
      }
    }
    std::sort(listing.begin(), listing.end());
    return listing;
  }

  TempDir dir_;
  TestGenome genome_;
  std::string reference_;
  std::string store_dir_;
};

}  // namespace zenome::testing
