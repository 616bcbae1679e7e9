#pragma once
// Allele-level knowledge the annotation adds beside transcript effects: population frequencies
// from sites VCFs (--af) and ClinVar (--clinvar), matched by exact allele after normalisation.
// The configuration is parsed and checked once; each worker thread opens its own readers.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/record_normalizer.h"
#include "core/status.h"

namespace zenome {

class ReferenceGenome;
class ReferenceReader;

class AlleleSourcesConfig {
 public:
  // frequency_specs: "PATH:FIELD,..." or "NAME=PATH:FIELD,..."; clinvar: a ClinVar VCF or "".
  // Checks every file is indexed, every field exists and contigs agree with the reference.
  static Result<AlleleSourcesConfig> Parse(const std::vector<std::string>& frequency_specs,
                                           const std::string& clinvar, const ReferenceGenome& reference);
  AlleleSourcesConfig();
  ~AlleleSourcesConfig();
  AlleleSourcesConfig(AlleleSourcesConfig&&) noexcept;
  AlleleSourcesConfig& operator=(AlleleSourcesConfig&&) noexcept;

  bool empty() const;
  // The extra CSQ fields, in the order Lookup fills them ("gnomad_AF", ..., "CLIN_SIG", ...).
  std::vector<std::string> FieldNames() const;
  // Provenance lines for the output header (file, version/date).
  std::vector<std::string> HeaderLines() const;

 private:
  friend class AlleleSources;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class AlleleSources {
 public:
  static Result<std::unique_ptr<AlleleSources>> Open(const AlleleSourcesConfig& config,
                                                     std::shared_ptr<const ReferenceGenome> reference);
  ~AlleleSources();

  // Loads the knowledge-base records that may match any ALT of records [begin, end), which all
  // lie on `contig`. Replaces what the previous call loaded.
  Status Prepare(std::string_view contig, const std::vector<BcfRecordPtr>& records, size_t begin, size_t end);
  // Appends one value per FieldNames() entry for this allele ("" when absent), escaped for CSQ.
  Status Lookup(std::string_view contig, int64_t pos0, std::string_view ref, std::string_view alt,
                std::vector<std::string>& values);

 private:
  AlleleSources();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zenome
