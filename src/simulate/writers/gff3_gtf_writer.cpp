#include "simulate/writers/gff3_gtf_writer.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace zenome::simulate {

namespace {

std::string_view GeneType(GeneKind kind) {
  switch (kind) {
    case GeneKind::kProteinCoding: return "gene";
    case GeneKind::kProcessedPseudogene: return "pseudogene";
    default: return "ncRNA_gene";
  }
}

std::string_view TranscriptType(const SimTranscript& transcript, GeneKind kind) {
  if (transcript.biotype == "nonsense_mediated_decay") return "NMD_transcript_variant";
  switch (kind) {
    case GeneKind::kProteinCoding: return "mRNA";
    case GeneKind::kLncRna: return "lnc_RNA";
    case GeneKind::kProcessedPseudogene: return "pseudogenic_transcript";
    case GeneKind::kMiRna: return "miRNA";
    case GeneKind::kSnRna: return "snRNA";
    case GeneKind::kSnoRna: return "snoRNA";
  }
  return "transcript";
}

std::string Tags(const SimTranscript& transcript, char separator, bool gtf) {
  std::vector<const char*> tags;
  if (transcript.basic) tags.push_back("basic");
  if (transcript.canonical) tags.push_back("Ensembl_canonical");
  if (transcript.mane_select) tags.push_back("MANE_Select");
  std::string out;
  for (const char* tag : tags) {
    if (gtf) {
      out += " tag \"";
      out += tag;
      out += "\";";
    } else {
      if (!out.empty()) out += separator;
      out += tag;
    }
  }
  return out;
}

void AppendColumns(std::string& out, const std::string& contig, std::string_view type, int64_t start0,
                   int64_t end0, bool reverse, char phase) {
  out += contig;
  out += "\tzenome\t";
  out += type;
  out += '\t';
  out += std::to_string(start0 + 1);
  out += '\t';
  out += std::to_string(end0);
  out += "\t.\t";
  out += reverse ? '-' : '+';
  out += '\t';
  out += phase;
  out += '\t';
}

char PhaseChar(int64_t cds_bases_before) {
  return static_cast<char>('0' + (3 - cds_bases_before % 3) % 3);
}

struct Feature {
  int64_t start = 0;
  int order = 0;  // tie-break at equal starts
  std::string line;
};

bool UsesTsl(GeneKind kind) {
  return kind == GeneKind::kProteinCoding || kind == GeneKind::kLncRna;
}

}  // namespace

std::string Gff3Header(const GenomePlan& genome) {
  std::string out = "##gff-version 3\n";
  for (const ContigPlan& contig : genome.contigs) {
    out += "##sequence-region   " + contig.name + " 1 " + std::to_string(contig.length) + "\n";
  }
  out += "#!genome-build zenome-sim\n#!genome-version zenome-sim\n";
  return out;
}

std::string GtfHeader() {
  return "#!genome-build zenome-sim\n#!genome-version zenome-sim\n";
}

void AppendGff3Gene(const SimGene& gene, const std::string& contig_name, std::string& out) {
  AppendColumns(out, contig_name, GeneType(gene.kind), gene.span.start, gene.span.end, gene.reverse, '.');
  out += "ID=gene:" + gene.id + ";Name=" + gene.id + ";biotype=" + std::string(gene.biotype()) +
         ";description=simulated " + std::string(gene.biotype()) + " gene;gene_id=" + gene.id +
         ";logic_name=zenome_sim;version=1\n";
  // Exons shared by every transcript are constitutive.
  std::map<std::pair<int64_t, int64_t>, size_t> exon_use;
  for (const SimTranscript& t : gene.transcripts) {
    for (const Interval0& e : t.exons) ++exon_use[{e.start, e.end}];
  }
  for (const SimTranscript& t : gene.transcripts) {
    AppendColumns(out, contig_name, TranscriptType(t, gene.kind), t.exons.front().start, t.exons.back().end,
                  gene.reverse, '.');
    out += "ID=transcript:" + t.id + ";Parent=gene:" + gene.id + ";Name=" + t.name + ";biotype=" + t.biotype;
    std::string tags = Tags(t, ',', false);
    if (!tags.empty()) out += ";tag=" + tags;
    out += ";transcript_id=" + t.id;
    if (UsesTsl(gene.kind)) out += ";transcript_support_level=" + std::to_string(t.tsl);
    out += ";version=1\n";

    TranscriptMap map(t, gene.reverse);
    std::vector<Feature> features;
    const size_t n = t.exons.size();
    for (size_t a = 0; a < n; ++a) {
      const Interval0& exon = t.exons[a];
      size_t rank = gene.reverse ? n - a : a + 1;
      // Ensembl exon phases: CDS bases before the exon start (mod 3), -1 outside the CDS.
      int64_t tx_first = map.ToTranscript(gene.reverse ? exon.end - 1 : exon.start);
      int64_t tx_last = tx_first + exon.length();
      int phase = -1, end_phase = -1;
      if (t.is_coding()) {
        if (tx_first >= t.cds_start && tx_first < t.cds_end)
          phase = static_cast<int>((tx_first - t.cds_start) % 3);
        if (tx_last > t.cds_start && tx_last <= t.cds_end)
          end_phase = static_cast<int>((tx_last - t.cds_start) % 3);
      }
      Feature f{exon.start, 0, {}};
      AppendColumns(f.line, contig_name, "exon", exon.start, exon.end, gene.reverse, '.');
      f.line += "Parent=transcript:" + t.id + ";Name=" + t.exon_ids[a] +
                ";constitutive=" + (exon_use[{exon.start, exon.end}] == gene.transcripts.size() ? "1" : "0") +
                ";ensembl_end_phase=" + std::to_string(end_phase) +
                ";ensembl_phase=" + std::to_string(phase) + ";exon_id=" + t.exon_ids[a] +
                ";rank=" + std::to_string(rank) + ";version=1\n";
      features.push_back(std::move(f));
    }
    if (t.is_coding()) {
      // CDS pieces with the bases of CDS before each piece (in transcript order) for the phase.
      for (const Interval0& piece : map.GenomicPieces(t.cds_start, t.cds_end)) {
        int64_t tx_first = map.ToTranscript(gene.reverse ? piece.end - 1 : piece.start);
        Feature f{piece.start, 1, {}};
        AppendColumns(f.line, contig_name, "CDS", piece.start, piece.end, gene.reverse,
                      PhaseChar(tx_first - t.cds_start));
        f.line +=
            "ID=CDS:" + t.protein_id + ";Parent=transcript:" + t.id + ";protein_id=" + t.protein_id + "\n";
        features.push_back(std::move(f));
      }
      for (const Interval0& piece : map.GenomicPieces(0, t.cds_start)) {
        Feature f{piece.start, 2, {}};
        AppendColumns(f.line, contig_name, "five_prime_UTR", piece.start, piece.end, gene.reverse, '.');
        f.line += "Parent=transcript:" + t.id + "\n";
        features.push_back(std::move(f));
      }
      for (const Interval0& piece : map.GenomicPieces(t.cds_end, map.length())) {
        Feature f{piece.start, 2, {}};
        AppendColumns(f.line, contig_name, "three_prime_UTR", piece.start, piece.end, gene.reverse, '.');
        f.line += "Parent=transcript:" + t.id + "\n";
        features.push_back(std::move(f));
      }
    }
    std::stable_sort(features.begin(), features.end(), [](const Feature& a, const Feature& b) {
      return a.start != b.start ? a.start < b.start : a.order < b.order;
    });
    for (const Feature& f : features) out += f.line;
  }
  out += "###\n";
}

void AppendGtfGene(const SimGene& gene, const std::string& contig_name, std::string& out) {
  const std::string biotype(gene.biotype());
  const std::string gene_attrs = "gene_id \"" + gene.id + "\"; gene_version \"1\";";
  const std::string gene_tail =
      " gene_name \"" + gene.id + "\"; gene_source \"zenome\"; gene_biotype \"" + biotype + "\";";
  AppendColumns(out, contig_name, "gene", gene.span.start, gene.span.end, gene.reverse, '.');
  out += gene_attrs + gene_tail + "\n";
  for (const SimTranscript& t : gene.transcripts) {
    const std::string tx_attrs = gene_attrs + " transcript_id \"" + t.id + "\"; transcript_version \"1\";";
    const std::string tx_tail =
        gene_tail + " transcript_name \"" + t.name + "\"; transcript_source \"zenome\";" +
        " transcript_biotype \"" + t.biotype + "\";" + Tags(t, ',', true) +
        (UsesTsl(gene.kind) ? " transcript_support_level \"" + std::to_string(t.tsl) + "\";" : "");
    AppendColumns(out, contig_name, "transcript", t.exons.front().start, t.exons.back().end, gene.reverse,
                  '.');
    out += tx_attrs + tx_tail + "\n";
    TranscriptMap map(t, gene.reverse);
    const size_t n = t.exons.size();
    // GTF CDS excludes the stop codon, which gets its own stop_codon features.
    const int64_t coding_end = t.is_coding() ? t.cds_end - 3 : -1;
    std::vector<std::string> utr_lines;
    for (size_t k = 0; k < n; ++k) {
      const Interval0& exon = gene.reverse ? t.exons[n - 1 - k] : t.exons[k];
      const std::string exon_number = " exon_number \"" + std::to_string(k + 1) + "\";";
      const size_t ascending = gene.reverse ? n - 1 - k : k;
      AppendColumns(out, contig_name, "exon", exon.start, exon.end, gene.reverse, '.');
      out += tx_attrs + exon_number + tx_tail + " exon_id \"" + t.exon_ids[ascending] +
             "\"; exon_version \"1\";\n";
      if (!t.is_coding()) continue;
      int64_t tx_first = map.ToTranscript(gene.reverse ? exon.end - 1 : exon.start);
      int64_t tx_end = tx_first + exon.length();
      auto emit = [&](std::string_view type, int64_t from, int64_t to, bool protein) {
        int64_t a = std::max(from, tx_first), b = std::min(to, tx_end);
        if (a >= b) return;
        for (const Interval0& piece : map.GenomicPieces(a, b)) {
          AppendColumns(out, contig_name, type, piece.start, piece.end, gene.reverse,
                        PhaseChar(a - t.cds_start));
          out += tx_attrs + exon_number + tx_tail;
          if (protein) out += " protein_id \"" + t.protein_id + "\"; protein_version \"1\";";
          out += "\n";
        }
      };
      emit("CDS", t.cds_start, coding_end, true);
      emit("start_codon", t.cds_start, t.cds_start + 3, false);
      emit("stop_codon", coding_end, t.cds_end, false);
      for (const Interval0& piece :
           map.GenomicPieces(std::max<int64_t>(0, tx_first), std::min(t.cds_start, tx_end))) {
        std::string line;
        AppendColumns(line, contig_name, "five_prime_utr", piece.start, piece.end, gene.reverse, '.');
        utr_lines.push_back(line + tx_attrs + tx_tail + "\n");
      }
      for (const Interval0& piece : map.GenomicPieces(std::max(t.cds_end, tx_first), tx_end)) {
        std::string line;
        AppendColumns(line, contig_name, "three_prime_utr", piece.start, piece.end, gene.reverse, '.');
        utr_lines.push_back(line + tx_attrs + tx_tail + "\n");
      }
    }
    for (const std::string& line : utr_lines) out += line;
  }
}

}  // namespace zenome::simulate
