#pragma once
// What every gene model LoadGeneModel returns must satisfy, whatever the file said; shared by the
// GFF3 and GTF targets.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/contig_names.h"
#include "core/diagnostics.h"
#include "fuzz_support.h"
#include "kb/gene_model.h"

namespace zenome::fuzz {

inline void CheckGeneModel(const GeneModel& model) {
  const int contigs = static_cast<int>(model.contigs().size());
  // A contig spelled two ways (chr1 and 1) is refused, so every loaded name finds its own index.
  std::set<std::string> canonical;
  for (const std::string& name : model.contigs()) canonical.insert(CanonicalContigName(name));
  if (canonical.size() != model.contigs().size()) Fail("a contig spelled two ways was accepted");
  const int transcripts = static_cast<int>(model.transcripts().size());
  for (const Transcript& transcript : model.transcripts()) {
    Status valid = ValidateTranscript(transcript);
    if (!valid.ok()) Fail("a loaded transcript is invalid: " + valid.message());
    if (transcript.contig < 0 || transcript.contig >= contigs) Fail("transcript contig out of range");
    if (transcript.id.empty()) Fail("a transcript without an ID");
    for (const std::string* text : {&transcript.id, &transcript.gene_id, &transcript.gene_name,
                                    &transcript.biotype, &transcript.protein_id}) {
      // "%00" in a GFF3 Name= or a raw NUL in an attribute value is refused, not kept to cut the
      // CSQ field short.
      if (text->find('\0') != std::string::npos) Fail("a NUL byte in transcript " + transcript.id);
    }
    // The model's own index finds every transcript at its span.
    std::vector<const Transcript*> found;
    model.Overlapping(transcript.contig, transcript.span.start, transcript.span.end, 0, found);
    bool self = false;
    for (const Transcript* t : found) self = self || t == &transcript;
    if (!self) Fail("Overlapping() misses transcript " + transcript.id + " at its own span");
    if (model.ContigIndex(model.contigs()[static_cast<size_t>(transcript.contig)]) != transcript.contig) {
      Fail("ContigIndex() disagrees with transcript " + transcript.id + "'s contig");
    }
  }
  for (const Gene& gene : model.genes()) {
    if (gene.contig < 0 || gene.contig >= contigs) Fail("gene contig out of range");
    if (gene.name.find('\0') != std::string::npos || gene.id.find('\0') != std::string::npos) {
      Fail("a NUL byte in gene " + gene.id);
    }
    for (int index : gene.transcripts) {
      if (index < 0 || index >= transcripts) Fail("gene " + gene.id + " lists a transcript out of range");
    }
  }
}

// The input as a gene-model file named `name`, loaded lenient or --strict by the input's hash (one
// load per run: the loader's buffers are sized for genomes, so a load costs milliseconds even for
// a tiny file) and checked; nullopt when the loader refused it (with a clear error).
inline std::optional<GeneModel> LoadAndCheckGeneModel(const uint8_t* data, size_t size, const char* name) {
  const std::string path = WriteFile(name, data, size);
  Diagnostics diagnostics = QuietDiagnostics();
  GeneModelLoadOptions options;
  options.strict = (InputHash(data, size) & 1) != 0;
  Result<GeneModel> model = LoadGeneModel(path, options, &diagnostics);
  if (!model.ok()) {
    FailOnInternal(model.status());
    return std::nullopt;
  }
  CheckGeneModel(*model);
  return std::move(*model);
}

}  // namespace zenome::fuzz
