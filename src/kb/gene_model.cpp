#include "kb/gene_model.h"

#include <algorithm>
#include <unordered_map>

#include "core/contig_names.h"

namespace zenome {

int64_t Transcript::cdna_length() const {
  int64_t total = 0;
  for (const auto& exon : exons) total += exon.length();
  return total;
}

int64_t Transcript::cds_length() const {
  int64_t total = 0;
  for (const auto& segment : cds) total += segment.length();
  return total;
}

Status ValidateTranscript(const Transcript& t) {
  auto fail = [&](const std::string& what) { return Status::BadInput("transcript " + t.id + ": " + what); };
  if (t.exons.empty()) return fail("has no exons");
  for (size_t i = 0; i < t.exons.size(); ++i) {
    if (t.exons[i].empty()) return fail("has an empty exon");
    if (i > 0 && t.exons[i].start < t.exons[i - 1].end) return fail("has overlapping or unsorted exons");
  }
  if (t.span.start != t.exons.front().start || t.span.end != t.exons.back().end) {
    return fail("span does not match its exons");
  }
  size_t exon = 0;
  for (size_t i = 0; i < t.cds.size(); ++i) {
    const Interval0& segment = t.cds[i];
    if (segment.empty()) return fail("has an empty CDS segment");
    if (i > 0 && segment.start < t.cds[i - 1].end) {
      // A programmed frameshift: the next segment starts a few bases back and reads on past the
      // previous one; it overlaps no other segment.
      const bool slippage = t.ribosomal_slippage && segment.start >= t.cds[i - 1].start &&
                            t.cds[i - 1].end - segment.start <= kMaxSlippageOverlap &&
                            segment.end > t.cds[i - 1].end && (i < 2 || segment.start >= t.cds[i - 2].end);
      if (!slippage) return fail("has overlapping CDS segments");
    }
    while (exon < t.exons.size() && t.exons[exon].end < segment.end) ++exon;
    if (exon == t.exons.size() || segment.start < t.exons[exon].start) {
      return fail("has a CDS segment (" + std::to_string(segment.start + 1) + "-" +
                  std::to_string(segment.end) + ") outside its exons");
    }
  }
  if (t.cds_start_phase < 0 || t.cds_start_phase > 2) return fail("has a CDS start phase outside 0..2");
  const Interval0 coding = t.coding_span();
  for (size_t i = 0; i < t.selenocysteine_codons.size(); ++i) {
    const Interval0& codon = t.selenocysteine_codons[i];
    if (codon.empty() || codon.start < coding.start || codon.end > coding.end) {
      return fail("has a selenocysteine codon (" + std::to_string(codon.start + 1) + "-" +
                  std::to_string(codon.end) + ") outside its CDS");
    }
    if (i > 0 && codon.start < t.selenocysteine_codons[i - 1].start) {
      return fail("has unsorted selenocysteine codons");
    }
  }
  return Status::Ok();
}

// Per-contig implicit augmented interval tree over transcript spans (the cgranges layout: an
// array sorted by start where node i at level k stores the max end of its subtree).
struct GeneModel::Index {
  struct Node {
    int64_t start;
    int64_t end;
    int64_t max_end;
    int transcript;
  };
  struct ContigTree {
    std::vector<Node> nodes;
    int max_level = -1;
  };
  std::vector<ContigTree> trees;
  std::unordered_map<std::string, int> contig_by_canonical;

  static int Prepare(std::vector<Node>& a) {
    const int64_t n = static_cast<int64_t>(a.size());
    if (n == 0) return -1;
    int64_t last_i = 0;
    int64_t last = 0;
    for (int64_t i = 0; i < n; i += 2) {
      last_i = i;
      last = a[i].max_end = a[i].end;
    }
    int k = 1;
    for (; (int64_t{1} << k) <= n; ++k) {
      int64_t x = int64_t{1} << (k - 1);
      int64_t i0 = (x << 1) - 1;
      int64_t step = x << 2;
      for (int64_t i = i0; i < n; i += step) {
        int64_t left = a[i - x].max_end;
        int64_t right = i + x < n ? a[i + x].max_end : last;
        a[i].max_end = std::max({a[i].end, left, right});
      }
      last_i = (last_i >> k & 1) ? last_i - x : last_i + x;
      if (last_i < n && a[last_i].max_end > last) last = a[last_i].max_end;
    }
    return k - 1;
  }

  static void Query(const ContigTree& tree, int64_t start, int64_t end, std::vector<int>& out) {
    const auto& a = tree.nodes;
    const int64_t n = static_cast<int64_t>(a.size());
    if (tree.max_level < 0) return;
    struct Frame {
      int64_t x;
      int k;
      bool left_done;
    };
    Frame stack[64];
    int top = 0;
    stack[top++] = {(int64_t{1} << tree.max_level) - 1, tree.max_level, false};
    while (top > 0) {
      Frame z = stack[--top];
      if (z.k <= 3) {  // small subtree: scan it
        int64_t i0 = z.x >> z.k << z.k;
        int64_t i1 = std::min(i0 + (int64_t{1} << (z.k + 1)) - 1, n);
        for (int64_t i = i0; i < i1 && a[i].start < end; ++i) {
          if (start < a[i].end) out.push_back(a[i].transcript);
        }
      } else if (!z.left_done) {
        int64_t y = z.x - (int64_t{1} << (z.k - 1));
        stack[top++] = {z.x, z.k, true};
        if (y >= n || a[y].max_end > start) stack[top++] = {y, z.k - 1, false};
      } else if (z.x < n && a[z.x].start < end) {
        if (start < a[z.x].end) out.push_back(a[z.x].transcript);
        stack[top++] = {z.x + (int64_t{1} << (z.k - 1)), z.k - 1, false};
      }
    }
  }
};

GeneModel::GeneModel() : index_(std::make_unique<Index>()) {}
GeneModel::~GeneModel() = default;
GeneModel::GeneModel(GeneModel&&) noexcept = default;
GeneModel& GeneModel::operator=(GeneModel&&) noexcept = default;

Result<GeneModel> GeneModel::Build(GeneModelSource source, std::vector<std::string> contigs,
                                   std::vector<Gene> genes, std::vector<Transcript> transcripts) {
  GeneModel model;
  model.source_ = std::move(source);
  model.contigs_ = std::move(contigs);
  model.genes_ = std::move(genes);
  model.transcripts_ = std::move(transcripts);
  const int n_contigs = static_cast<int>(model.contigs_.size());
  for (int i = 0; i < n_contigs; ++i) {
    auto [first, added] =
        model.index_->contig_by_canonical.emplace(CanonicalContigName(model.contigs_[i]), i);
    if (!added) {
      // Lookups by either spelling would silently find only one of them.
      return Status::BadInput(model.source_.path + ": contigs '" + model.contigs_[first->second] + "' and '" +
                              model.contigs_[i] + "' are the same contig to zenome (" + SameContigRule() +
                              "); keep one spelling");
    }
  }
  model.index_->trees.resize(model.contigs_.size());
  for (size_t i = 0; i < model.transcripts_.size(); ++i) {
    const Transcript& t = model.transcripts_[i];
    if (t.contig < 0 || t.contig >= n_contigs) {
      return Status::Internal("transcript " + t.id + " has no valid contig");
    }
    ZENOME_RETURN_IF_ERROR(ValidateTranscript(t));
    model.index_->trees[t.contig].nodes.push_back({t.span.start, t.span.end, 0, static_cast<int>(i)});
  }
  for (auto& tree : model.index_->trees) {
    std::sort(tree.nodes.begin(), tree.nodes.end(), [](const Index::Node& a, const Index::Node& b) {
      return a.start != b.start ? a.start < b.start : a.transcript < b.transcript;
    });
    tree.max_level = Index::Prepare(tree.nodes);
  }
  for (const Gene& gene : model.genes_) {
    for (int t : gene.transcripts) {
      if (t < 0 || t >= static_cast<int>(model.transcripts_.size())) {
        return Status::Internal("gene " + gene.id + " refers to a missing transcript");
      }
    }
  }
  return model;
}

int GeneModel::ContigIndex(std::string_view any_name) const {
  auto it = index_->contig_by_canonical.find(CanonicalContigName(any_name));
  return it == index_->contig_by_canonical.end() ? -1 : it->second;
}

void GeneModel::Overlapping(std::string_view contig, int64_t start, int64_t end, int64_t padding,
                            std::vector<const Transcript*>& out) const {
  int index = ContigIndex(contig);
  if (index >= 0) Overlapping(index, start, end, padding, out);
}

void GeneModel::Overlapping(int contig, int64_t start, int64_t end, int64_t padding,
                            std::vector<const Transcript*>& out) const {
  if (contig < 0 || contig >= static_cast<int>(index_->trees.size())) return;
  if (start == end) {  // an insertion point touches the bases on both sides
    start -= 1;
    end += 1;
  }
  thread_local std::vector<int> hits;
  hits.clear();
  Index::Query(index_->trees[contig], start - padding, end + padding, hits);
  std::sort(hits.begin(), hits.end(), [this](int a, int b) {
    const auto& ta = transcripts_[a];
    const auto& tb = transcripts_[b];
    return ta.span.start != tb.span.start ? ta.span.start < tb.span.start : a < b;
  });
  for (int hit : hits) out.push_back(&transcripts_[hit]);
}

}  // namespace zenome
