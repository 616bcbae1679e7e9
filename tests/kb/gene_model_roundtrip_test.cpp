// Generated gene models written as Ensembl-style GFF3 and as GTF (CDS without the stop codon,
// stop codons split across exons where they fall), loaded back and compared with the truth; and
// mutated files that must load or fail cleanly, never crash or yield an invalid transcript.

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "gtest/gtest.h"
#include "kb/gene_model.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using zenome::testing::TempDir;
using zenome::testing::WriteFile;

struct TruthTranscript {
  std::string id;
  std::string gene;
  Strand strand = Strand::kForward;
  std::vector<Interval0> exons;  // genomic order
  std::vector<Interval0> cds;    // genomic order, stop codon included
  int start_phase = 0;
};

// CDS segments (genomic order) for transcript offsets [from, to) of the spliced exons.
std::vector<Interval0> SplicedToGenomic(const TruthTranscript& t, int64_t from, int64_t to) {
  std::vector<Interval0> out;
  std::vector<Interval0> ordered = t.exons;
  if (t.strand == Strand::kReverse) std::reverse(ordered.begin(), ordered.end());
  int64_t offset = 0;
  for (const Interval0& exon : ordered) {
    const int64_t length = exon.length();
    const int64_t a = std::max(from, offset);
    const int64_t b = std::min(to, offset + length);
    if (a < b) {
      if (t.strand == Strand::kForward) {
        out.push_back({exon.start + (a - offset), exon.start + (b - offset)});
      } else {
        out.push_back({exon.end - (b - offset), exon.end - (a - offset)});
      }
    }
    offset += length;
  }
  std::sort(out.begin(), out.end(), [](const Interval0& x, const Interval0& y) { return x.start < y.start; });
  return out;
}

// Phase of each segment (genomic order) given the first phase, in transcript order.
std::vector<int> Phases(const std::vector<Interval0>& cds, Strand strand, int first_phase) {
  std::vector<int> phases(cds.size());
  int64_t before = 0;
  for (size_t k = 0; k < cds.size(); ++k) {
    size_t i = strand == Strand::kForward ? k : cds.size() - 1 - k;
    phases[i] = static_cast<int>(((first_phase - before) % 3 + 3) % 3);
    before += cds[i].length();
  }
  return phases;
}

std::vector<TruthTranscript> Generate(std::mt19937& rng, int n) {
  std::vector<TruthTranscript> out;
  int64_t cursor = 1000;
  for (int i = 0; i < n; ++i) {
    TruthTranscript t;
    t.id = "T" + std::to_string(i);
    t.gene = "G" + std::to_string(i);
    t.strand = rng() % 2 ? Strand::kForward : Strand::kReverse;
    const int n_exons = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < n_exons; ++e) {
      const int64_t length = 1 + static_cast<int64_t>(rng() % 60);  // short exons: stops split often
      t.exons.push_back({cursor, cursor + length});
      cursor += length + 20 + static_cast<int64_t>(rng() % 100);
    }
    cursor += 500;
    const int64_t spliced = [&] {
      int64_t total = 0;
      for (const auto& e : t.exons) total += e.length();
      return total;
    }();
    if (rng() % 4 != 0 && spliced >= 9) {
      t.start_phase = rng() % 3 == 0 ? static_cast<int>(rng() % 3) : 0;
      const int64_t from = t.start_phase > 0 ? 0 : static_cast<int64_t>(rng() % (spliced / 3));
      int64_t codons = (spliced - from - t.start_phase) / 3;
      codons = 1 + static_cast<int64_t>(rng() % static_cast<uint32_t>(codons));
      const int64_t to = from + t.start_phase + codons * 3;
      t.cds = SplicedToGenomic(t, from, to);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string Row(const std::string& type, const Interval0& iv, Strand strand, const std::string& phase,
                const std::string& attributes) {
  return "chr7\tsim\t" + type + "\t" + std::to_string(iv.start + 1) + "\t" + std::to_string(iv.end) +
         "\t.\t" + (strand == Strand::kForward ? "+" : "-") + "\t" + phase + "\t" + attributes + "\n";
}

std::string WriteGff3(const std::vector<TruthTranscript>& truth) {
  std::string s = "##gff-version 3\n";
  for (const auto& t : truth) {
    const Interval0 span{t.exons.front().start, t.exons.back().end};
    s +=
        Row("gene", span, t.strand, ".", "ID=gene:" + t.gene + ";Name=" + t.gene + ";biotype=protein_coding");
    s += Row("mRNA", span, t.strand, ".",
             "ID=transcript:" + t.id + ";Parent=gene:" + t.gene + ";biotype=protein_coding" +
                 (t.start_phase > 0 ? ";tag=cds_start_NF" : ""));
    for (const auto& e : t.exons) s += Row("exon", e, t.strand, ".", "Parent=transcript:" + t.id);
    std::vector<int> phases = Phases(t.cds, t.strand, t.start_phase);
    for (size_t i = 0; i < t.cds.size(); ++i) {
      s += Row("CDS", t.cds[i], t.strand, std::to_string(phases[i]),
               "ID=CDS:P" + t.id + ";Parent=transcript:" + t.id);
    }
  }
  return s;
}

std::string WriteGtf(const std::vector<TruthTranscript>& truth) {
  std::string s;
  for (const auto& t : truth) {
    const std::string attrs =
        "gene_id \"" + t.gene + "\"; transcript_id \"" + t.id + "\"; gene_biotype \"protein_coding\";";
    const Interval0 span{t.exons.front().start, t.exons.back().end};
    s += Row("gene", span, t.strand, ".", "gene_id \"" + t.gene + "\";");
    s += Row("transcript", span, t.strand, ".", attrs + (t.start_phase > 0 ? " tag \"cds_start_NF\";" : ""));
    for (const auto& e : t.exons) s += Row("exon", e, t.strand, ".", attrs);
    if (t.cds.empty()) continue;
    // Split the CDS into CDS-without-stop and the stop codon (transcript order: the last 3 bases).
    int64_t cds_length = 0;
    for (const auto& c : t.cds) cds_length += c.length();
    std::vector<Interval0> ordered = t.cds;
    if (t.strand == Strand::kReverse) std::reverse(ordered.begin(), ordered.end());
    std::vector<Interval0> body;
    std::vector<Interval0> stop;
    int64_t offset = 0;
    for (const Interval0& c : ordered) {
      const int64_t length = c.length();
      const int64_t body_bases = std::clamp<int64_t>(cds_length - 3 - offset, 0, length);
      Interval0 b = c;
      Interval0 st = c;
      if (t.strand == Strand::kForward) {
        b.end = c.start + body_bases;
        st.start = b.end;
      } else {
        b.start = c.end - body_bases;
        st.end = b.start;
      }
      if (!b.empty()) body.push_back(b);
      if (!st.empty()) stop.push_back(st);
      offset += length;
    }
    std::sort(body.begin(), body.end(),
              [](const Interval0& x, const Interval0& y) { return x.start < y.start; });
    std::vector<int> phases = Phases(body, t.strand, t.start_phase);
    for (size_t i = 0; i < body.size(); ++i)
      s += Row("CDS", body[i], t.strand, std::to_string(phases[i]), attrs);
    for (const Interval0& st : stop) s += Row("stop_codon", st, t.strand, "0", attrs);
  }
  return s;
}

void ExpectMatchesTruth(const GeneModel& model, const std::vector<TruthTranscript>& truth,
                        const char* format) {
  ASSERT_EQ(model.transcripts().size(), truth.size()) << format;
  for (size_t i = 0; i < truth.size(); ++i) {
    const Transcript& t = model.transcripts()[i];
    const TruthTranscript& expected = truth[i];
    SCOPED_TRACE(std::string(format) + " " + expected.id);
    EXPECT_EQ(t.id, expected.id);
    EXPECT_EQ(t.gene_id, expected.gene);
    EXPECT_EQ(t.strand, expected.strand);
    EXPECT_EQ(t.exons, expected.exons);
    // A stop codon split by an intron gives one CDS piece per exon; compare merged per exon.
    EXPECT_EQ(t.cds, expected.cds);
    EXPECT_EQ(t.cds_start_phase, expected.cds.empty() ? 0 : expected.start_phase);
    EXPECT_EQ(t.cds_start_incomplete, expected.start_phase > 0);
    EXPECT_TRUE(ValidateTranscript(t).ok());
  }
}

TEST(GeneModelRoundTripTest, Gff3AndGtfGiveTheGeneratedModel) {
  std::mt19937 rng(20240611);
  const std::vector<TruthTranscript> truth = Generate(rng, 400);
  TempDir dir;
  WriteFile(dir.File("sim.gff3"), WriteGff3(truth));
  WriteFile(dir.File("sim.gtf"), WriteGtf(truth));
  GeneModelLoadOptions strict;
  strict.strict = true;
  Result<GeneModel> gff3 = LoadGeneModel(dir.File("sim.gff3"), strict, nullptr);
  ASSERT_TRUE(gff3.ok()) << gff3.status().ToString();
  ExpectMatchesTruth(*gff3, truth, "GFF3");
  Result<GeneModel> gtf = LoadGeneModel(dir.File("sim.gtf"), strict, nullptr);
  ASSERT_TRUE(gtf.ok()) << gtf.status().ToString();
  ExpectMatchesTruth(*gtf, truth, "GTF");
}

TEST(GeneModelFuzzTest, MutatedFilesLoadOrFailCleanly) {
  std::mt19937 rng(7);
  const std::vector<TruthTranscript> truth = Generate(rng, 30);
  const std::string sources[] = {WriteGff3(truth), WriteGtf(truth)};
  const std::string alphabet = "\t\n;=,.+-0123456789\" %#>AZaz_:";
  TempDir dir;
  int loaded = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text = sources[round % 2];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.erase(at, 1 + rng() % 20); break;
        case 2: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: {  // duplicate a line
          size_t line_start = text.rfind('\n', at);
          line_start = line_start == std::string::npos ? 0 : line_start + 1;
          size_t line_end = text.find('\n', at);
          if (line_end != std::string::npos)
            text.insert(line_end + 1, text.substr(line_start, line_end - line_start + 1));
        }
      }
    }
    const std::string path = dir.File("fuzz" + std::to_string(round % 2) + (round % 2 ? ".gtf" : ".gff3"));
    WriteFile(path, text);
    Diagnostics diagnostics(0, [](const std::string&) {});
    for (bool strict : {false, true}) {
      GeneModelLoadOptions options;
      options.strict = strict;
      Result<GeneModel> model = LoadGeneModel(path, options, &diagnostics);
      if (!model.ok()) {
        EXPECT_FALSE(model.status().message().empty());
        continue;
      }
      ++loaded;
      for (const Transcript& t : model->transcripts()) {
        EXPECT_TRUE(ValidateTranscript(t).ok()) << ValidateTranscript(t).message();
      }
    }
  }
  EXPECT_GT(loaded, 0);
}

}  // namespace
}  // namespace zenome
