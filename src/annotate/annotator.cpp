#include "annotate/annotator.h"

#include <htslib/vcf.h>

#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "annotate/allele_sources.h"
#include "annotate/csq_format.h"
#include "annotate/haplotype.h"
#include "annotate/pick.h"
#include "annotate/structural_allele.h"
#include "annotate/transcript_effect.h"
#include "core/diagnostics.h"
#include "core/genome_build.h"
#include "core/record_normalizer.h"
#include "core/reference.h"
#include "core/sequence.h"
#include "core/text_writer.h"
#include "core/thread_pool.h"
#include "core/utf8.h"
#include "core/vcf_reader.h"
#include "kb/gene_model.h"

namespace zenome {

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A unit of parallel work: consecutive records with everything a worker needs to annotate them
// without touching the (mutable) reader header.
struct Batch {
  std::vector<BcfRecordPtr> records;
  size_t size = 0;
  std::vector<int64_t> lines;
  // Contig names by rid, a snapshot taken by the reading thread (shared by batches until the
  // header learns a new contig).
  std::shared_ptr<const std::vector<std::string>> contig_names;
  std::vector<std::string> csq;  // per record; empty: no CSQ
  std::string text;              // TSV / JSON output of the whole batch
  AnnotateStats stats;
};

// Per-thread state: reference reader, predictor, knowledge-base readers and scratch buffers.
struct WorkerContext {
  std::unique_ptr<ReferenceReader> reference;
  std::unique_ptr<TranscriptEffectPredictor> predictor;
  std::unique_ptr<AlleleSources> sources;
  std::vector<TranscriptEffect> effects;
  std::vector<std::string_view> alleles;
  std::string fetched;
  // Haplotype groups of the current contig run (record index relative to the batch).
  std::vector<HaplotypeGroup> groups;
  std::vector<bcf1_t*> run_records;
  std::vector<TranscriptEffect> combined_effects, partner_effects;
  std::string combined_ref, combined_alt;
  AlleleAnnotation annotation;  // of the allele being annotated, reused
  // Whether the contig of the last record looked up is in the reference.
  std::string known_contig;
  bool known_contig_in_reference = false;
};

class ContextPool {
 public:
  void Add(std::unique_ptr<WorkerContext> context) { free_.push_back(std::move(context)); }
  std::unique_ptr<WorkerContext> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto context = std::move(free_.back());
    free_.pop_back();
    return context;
  }
  void Return(std::unique_ptr<WorkerContext> context) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(context));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<WorkerContext>> free_;
};

void MergeStats(const AnnotateStats& from, AnnotateStats& into) {
  into.alleles += from.alleles;
  into.unannotated_records += from.unannotated_records;
  into.symbolic_alleles += from.symbolic_alleles;
  for (size_t i = 0; i < into.most_severe.size(); ++i) into.most_severe[i] += from.most_severe[i];
}

class BatchAnnotator {
 public:
  BatchAnnotator(const AnnotateOptions& options, const CsqLayout& layout, const std::string& input_path,
                 Diagnostics& diagnostics)
      : options_(options), layout_(layout), input_path_(input_path), diagnostics_(diagnostics) {}

  // INFO END/SVLEN/SVTYPE of the input's header, for structural alleles.
  void set_structural_info_ids(StructuralInfoIds ids) { structural_info_ids_ = ids; }
  // FORMAT GT/PS of the input's header, for haplotype-aware consequences.
  void set_genotype_ids(GenotypeIds ids) { genotype_ids_ = ids; }
  // VCF/BCF output: workers write each record's CSQ into the record themselves, through a copy
  // of the output header taken once CSQ is declared. The reading thread's header may still learn
  // undeclared contigs and tags (htslib adds them while parsing), so workers never read it; CSQ's
  // id is the same in both. `input_had_csq`: a record left without CSQ must lose its old one.
  void set_csq_header(const bcf_hdr_t* header, bool input_had_csq) {
    csq_header_.reset(bcf_hdr_dup(header));
    input_had_csq_ = input_had_csq;
  }

  // Alleles on one haplotype within this many bases of each other are considered together (a
  // codon, or a frameshift and the indel that restores it); batches never split such a chain.
  static constexpr int64_t kHaplotypeWindow = 60;
  static constexpr size_t kMaxHaplotypeGroup = 8;
  // Haplotype grouping is for a patient, a trio or a tumour/normal pair; in a cohort VCF each
  // record keeps its own consequence (a CSQ entry cannot hold one answer per sample).
  static constexpr int kMaxHaplotypeSamples = 16;

  // Fills batch.csq (VCF) or batch.text (TSV/JSON). Fails only on I/O-level problems.
  Status Annotate(Batch& batch, WorkerContext& context) const {
    batch.stats = AnnotateStats();
    for (size_t i = 0; i < batch.size; ++i) bcf_unpack(batch.records[i].get(), BCF_UN_STR);
    // Runs of records on one contig: knowledge-base records are loaded per run.
    for (size_t begin = 0; begin < batch.size;) {
      const int rid = batch.records[begin]->rid;
      size_t end = begin + 1;
      while (end < batch.size && batch.records[end]->rid == rid) ++end;
      if (context.sources != nullptr) {
        ZENOME_RETURN_IF_ERROR(
            context.sources->Prepare((*batch.contig_names)[rid], batch.records, begin, end));
      }
      context.groups.clear();
      if (genotype_ids_.gt >= 0 && batch.records[begin]->n_sample <= kMaxHaplotypeSamples) {
        context.run_records.clear();
        for (size_t i = begin; i < end; ++i) context.run_records.push_back(batch.records[i].get());
        context.groups =
            FindHaplotypeGroups(context.run_records, genotype_ids_, kHaplotypeWindow, kMaxHaplotypeGroup);
        for (HaplotypeGroup& group : context.groups) {
          group.allele.first += begin;
          for (RecordAllele& partner : group.partners) partner.first += begin;
        }
      }
      for (size_t i = begin; i < end; ++i) ZENOME_RETURN_IF_ERROR(AnnotateRecord(batch, i, context));
      begin = end;
    }
    if (csq_header_ != nullptr) {
      for (size_t i = 0; i < batch.size; ++i) ZENOME_RETURN_IF_ERROR(SetCsq(batch, i));
    }
    return Status::Ok();
  }

 private:
  Status SetCsq(Batch& batch, size_t i) const {
    bcf1_t* record = batch.records[i].get();
    const char* value = batch.csq[i].empty() ? nullptr : batch.csq[i].c_str();
    bcf_hdr_t* header = csq_header_.get();
    if (value != nullptr || (input_had_csq_ && bcf_get_info(header, record, "CSQ") != nullptr)) {
      if (bcf_update_info_string(header, record, "CSQ", value) < 0) {
        return Status::Internal("cannot set INFO/CSQ of the record at line " +
                                std::to_string(batch.lines[i]));
      }
      // Re-encode the record's INFO here rather than in bcf_write on the writing thread, the
      // pipeline's bottleneck: the one public htslib call that does it (bcf1_sync) is bcf_copy.
      // Single-threaded, bcf_write does it without the copy.
      if (options_.threads <= 0) return Status::Ok();
      thread_local BcfRecordPtr scratch = NewBcfRecord();
      if (bcf_copy(scratch.get(), record) == nullptr) {
        return Status::Internal("cannot encode the record at line " + std::to_string(batch.lines[i]));
      }
    }
    return Status::Ok();
  }

  InputLocation Where(const Batch& batch, size_t i, std::string_view field) const {
    return {input_path_, batch.lines[i], std::string(field)};
  }

  Status AnnotateRecord(Batch& batch, size_t i, WorkerContext& context) const {
    bcf1_t* record = batch.records[i].get();
    std::string& csq = batch.csq[i];
    csq.clear();
    const std::string& contig = (*batch.contig_names)[record->rid];
    const int64_t pos0 = record->pos;
    std::string_view ref = record->d.allele[0];
    if (contig != context.known_contig || context.known_contig.empty()) {
      context.known_contig = contig;
      context.known_contig_in_reference = context.reference->genome().NativeName(contig).has_value();
    }
    if (!context.known_contig_in_reference) {
      if (options_.strict) {
        return Status::BadInputAt(Where(batch, i, "CHROM"),
                                  "contig '" + contig + "' is not in the reference FASTA");
      }
      diagnostics_.Warn("contig not in reference (not annotated)",
                        FormatLocation(Where(batch, i, "CHROM")) + ": contig '" + contig +
                            "' is not in the reference FASTA; record written without CSQ");
      ++batch.stats.unannotated_records;
      return Status::Ok();
    }
    context.fetched.clear();
    ZENOME_RETURN_IF_ERROR(
        context.reference->FetchInto(contig, pos0, pos0 + static_cast<int64_t>(ref.size()), context.fetched));
    if (!RefMatches(ref, context.fetched)) {
      if (options_.strict) {
        return Status::BadInputAt(
            Where(batch, i, "REF"),
            "REF '" + std::string(ref) + "' does not match the reference '" + context.fetched + "'");
      }
      diagnostics_.Warn("REF mismatch (not annotated)",
                        FormatLocation(Where(batch, i, "REF")) + ": REF '" + std::string(ref) +
                            "' does not match the reference '" + context.fetched + "' at " + contig + ":" +
                            std::to_string(pos0 + 1) + "; record written without CSQ (wrong build?)");
      ++batch.stats.unannotated_records;
      return Status::Ok();
    }
    context.alleles.assign(record->d.allele, record->d.allele + record->n_allele);
    // VCF output keeps the ID as read; TSV and JSON (which must be UTF-8) get it percent-encoded
    // when it holds control characters or bytes that are not UTF-8.
    std::string_view id = record->d.id;
    std::string encoded_id;
    if (options_.format != AnnotationFormat::kVcf && FindUnsafeText(id).any()) {
      encoded_id = PercentEncodeUnsafe(id);
      diagnostics_.Warn("ID not UTF-8 text (percent-encoded)",
                        FormatLocation(Where(batch, i, "ID")) +
                            ": the ID has control characters or bytes that are not UTF-8; written as '" +
                            encoded_id + "'");
      id = encoded_id;
    }
    std::string_view contig_text = contig;  // matched the reference, so this is only a safeguard
    std::string encoded_contig;
    if (options_.format != AnnotationFormat::kVcf && FindUnsafeText(contig).any()) {
      encoded_contig = PercentEncodeUnsafe(contig);
      contig_text = encoded_contig;
    }
    nlohmann::json json_record;
    if (options_.format == AnnotationFormat::kJson) {
      json_record = {{"seq_region_name", contig_text},
                     {"start", pos0 + 1},
                     {"end", pos0 + static_cast<int64_t>(ref.size())},
                     {"id", id},
                     {"allele_string", AlleleString(context.alleles)}};
    }
    Consequence record_most_severe = Consequence::kCount;
    for (size_t alt = 1; alt < context.alleles.size(); ++alt) {
      std::string_view alt_allele = context.alleles[alt];
      AlleleChange change{contig, pos0, ref, alt_allele};
      context.effects.clear();
      const bool structural = !IsAcgtn(alt_allele);
      Status predicted = Status::Ok();
      std::string_view structural_class;
      if (structural) {
        Result<std::optional<StructuralChange>> sv =
            ReadStructuralAllele(record, static_cast<int>(alt), contig, structural_info_ids_);
        if (sv.ok() && !sv.value()) {  // '*', <NON_REF>: not a change of its own
          ++batch.stats.symbolic_alleles;
          continue;
        }
        predicted =
            sv.ok() ? context.predictor->PredictStructural(*sv.value(), context.effects) : sv.status();
        if (sv.ok()) structural_class = StructuralKindName(sv.value()->kind);
      } else {
        predicted = context.predictor->Predict(change, context.effects);
      }
      if (!predicted.ok()) {
        if (options_.strict) {
          return structural ? Status::BadInputAt(Where(batch, i, "ALT"), predicted.message()) : predicted;
        }
        diagnostics_.Warn("allele not annotated",
                          FormatLocation(Where(batch, i, "ALT")) + ": " + predicted.message());
        continue;
      }
      if (context.predictor->LastAlleleOnUnknownReference()) {
        const std::string message = "the reference at " + contig + ":" + std::to_string(pos0 + 1) +
                                    " is N (unknown bases); ALT '" + std::string(alt_allele) +
                                    "' annotated without HGVS";
        if (options_.strict) return Status::BadInputAt(Where(batch, i, "REF"), message);
        diagnostics_.Warn("reference N at the allele (no HGVS)",
                          FormatLocation(Where(batch, i, "REF")) + ": " + message);
      }
      if (!structural && !context.groups.empty()) {
        ZENOME_RETURN_IF_ERROR(ApplyHaplotype(batch, i, static_cast<int>(alt), context));
      }
      ++batch.stats.alleles;
      AlleleAnnotation& annotation = context.annotation;
      annotation.vep_allele = structural ? std::string(structural_class) : VepAllele(context.alleles, alt);
      annotation.hgvsg.clear();
      annotation.extra_values.clear();
      if (options_.hgvs && !structural) {
        Result<std::string> hgvsg = HgvsGenomic(change, *context.reference);
        if (hgvsg.ok()) annotation.hgvsg = std::move(hgvsg).value();
      }
      if (context.sources != nullptr && !structural) {
        ZENOME_RETURN_IF_ERROR(
            context.sources->Lookup(contig, pos0, ref, alt_allele, annotation.extra_values));
      }
      annotation.extra_values.resize(layout_.extra_field_count());
      size_t picked = PickEffect(context.effects);
      Consequence most_severe = Consequence::kCount;
      for (const auto& effect : context.effects) {
        Consequence c =
            effect.consequences.empty() ? Consequence::kIntergenic : effect.consequences.MostSevere();
        if (c < most_severe) most_severe = c;
      }
      ++batch.stats.most_severe[static_cast<size_t>(most_severe)];
      if (most_severe < record_most_severe) record_most_severe = most_severe;
      for (size_t k = 0; k < context.effects.size(); ++k) {
        if (options_.pick && k != picked) continue;
        const TranscriptEffect& effect = context.effects[k];
        switch (options_.format) {
          case AnnotationFormat::kVcf:
            if (!csq.empty()) csq.push_back(',');
            layout_.AppendEntry(annotation, effect, k == picked, CsqLayout::Escaping::kVcf, csq);
            break;
          case AnnotationFormat::kTsv:
            AppendTsvPrefix(contig_text, record->pos, id, ref, alt_allele, batch.text);
            layout_.AppendEntry(annotation, effect, k == picked, CsqLayout::Escaping::kTsv, batch.text);
            batch.text.push_back('\n');
            break;
          case AnnotationFormat::kJson:
            AppendJsonEffect(annotation, effect, k == picked, alt_allele, json_record);
            break;
        }
      }
    }
    if (options_.format == AnnotationFormat::kJson) {
      if (record_most_severe != Consequence::kCount) {
        json_record["most_severe_consequence"] = std::string(SoTerm(record_most_severe));
      }
      try {
        batch.text += json_record.dump();
      } catch (const nlohmann::json::type_error&) {
        // JSON text is UTF-8: bytes that are not (in ID, a contig or a gene model's names) become
        // U+FFFD, and the user is told.
        diagnostics_.Warn("text not UTF-8 (replaced by U+FFFD in JSON)",
                          FormatLocation(Where(batch, i, "")) +
                              ": the record or its annotation holds bytes that are not UTF-8");
        batch.text += json_record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      batch.text.push_back('\n');
    }
    return Status::Ok();
  }

  // One allele of a haplotype group: the other alleles on its haplotype, trimmed to the bases
  // they change. Nothing when they overlap (no single haplotype spells them all).
  struct Piece {
    int64_t pos0;
    std::string_view ref, alt;
  };
  static Piece Trimmed(int64_t pos0, std::string_view ref, std::string_view alt) {
    while (!ref.empty() && !alt.empty() && ref.front() == alt.front()) {
      ref.remove_prefix(1);
      alt.remove_prefix(1);
      ++pos0;
    }
    while (!ref.empty() && !alt.empty() && ref.back() == alt.back()) {
      ref.remove_suffix(1);
      alt.remove_suffix(1);
    }
    return {pos0, ref, alt};
  }

  // Haplotype-aware consequences: when the allele shares its haplotype with others nearby (see
  // haplotype.h), each transcript where they meet in one codon, or where one indel restores the
  // frame another broke, gets the consequence, amino acids, codons and HGVSp of the combined
  // change; HAPLOTYPE lists the other alleles. HGVSc and positions stay the allele's own.
  Status ApplyHaplotype(Batch& batch, size_t i, int alt, WorkerContext& context) const {
    auto group =
        std::lower_bound(context.groups.begin(), context.groups.end(), RecordAllele{i, alt},
                         [](const HaplotypeGroup& g, const RecordAllele& key) { return g.allele < key; });
    if (group == context.groups.end() || group->allele != RecordAllele{i, alt}) return Status::Ok();
    std::vector<RecordAllele> members = group->partners;
    members.push_back(group->allele);
    std::sort(members.begin(), members.end());
    std::vector<Piece> pieces;
    for (const auto& [j, b] : members) {
      const bcf1_t* r = batch.records[j].get();
      std::string_view ref = r->d.allele[0];
      std::string_view allele = r->d.allele[b];
      if (!IsAcgtn(allele) || !IsAcgtn(ref)) return Status::Ok();
      pieces.push_back(Trimmed(r->pos, ref, allele));
    }
    std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.pos0 < b.pos0; });
    for (size_t k = 1; k < pieces.size(); ++k) {
      const Piece& prev = pieces[k - 1];
      if (pieces[k].pos0 < prev.pos0 + static_cast<int64_t>(prev.ref.size()) ||
          (pieces[k].pos0 == prev.pos0 && prev.ref.empty())) {
        return Status::Ok();
      }
    }
    const std::string& contig = (*batch.contig_names)[batch.records[i]->rid];
    const int64_t start = pieces.front().pos0;
    int64_t end = start;
    for (const Piece& p : pieces) end = std::max(end, p.pos0 + static_cast<int64_t>(p.ref.size()));
    // One base of context on the left keeps insertions and deletions anchored, as in VCF.
    const int64_t anchor = start > 0 ? start - 1 : start;
    context.combined_ref.clear();  // FetchInto appends
    ZENOME_RETURN_IF_ERROR(context.reference->FetchInto(contig, anchor, end, context.combined_ref));
    context.combined_alt.assign(context.combined_ref, 0, static_cast<size_t>(start - anchor));
    int64_t at = start;
    for (const Piece& p : pieces) {
      context.combined_alt.append(context.combined_ref, static_cast<size_t>(at - anchor),
                                  static_cast<size_t>(p.pos0 - at));
      context.combined_alt.append(p.alt);
      at = p.pos0 + static_cast<int64_t>(p.ref.size());
    }
    context.combined_alt.append(context.combined_ref, static_cast<size_t>(at - anchor), std::string::npos);
    if (context.combined_alt == context.combined_ref) return Status::Ok();
    context.combined_effects.clear();
    if (!context.predictor
             ->Predict({contig, anchor, context.combined_ref, context.combined_alt}, context.combined_effects)
             .ok()) {
      return Status::Ok();  // the combination is not describable: keep the allele's own answer
    }
    // The partners' own effects, to see which transcripts they touch in the same codon.
    context.partner_effects.clear();
    std::string others;
    for (const auto& [j, b] : group->partners) {
      const bcf1_t* r = batch.records[j].get();
      if (!context.predictor
               ->Predict({contig, r->pos, r->d.allele[0], r->d.allele[b]}, context.partner_effects)
               .ok()) {
        return Status::Ok();
      }
      if (!others.empty()) others.push_back('&');
      others += std::to_string(r->pos + 1) + ":" + r->d.allele[0] + ">" + r->d.allele[b];
    }
    for (TranscriptEffect& effect : context.effects) {
      if (effect.transcript == nullptr || !effect.transcript->is_coding()) continue;
      const TranscriptEffect* combined = nullptr;
      for (const TranscriptEffect& c : context.combined_effects) {
        if (c.transcript == effect.transcript) combined = &c;
      }
      if (combined == nullptr) continue;
      const auto [own_first, own_last] = ProteinRange(effect.protein_position);
      bool same_codon = false, partner_frameshift = false;
      for (const TranscriptEffect& p : context.partner_effects) {
        if (p.transcript != effect.transcript) continue;
        const auto [first, last] = ProteinRange(p.protein_position);
        if (own_first > 0 && first > 0 && first <= own_last && own_first <= last) same_codon = true;
        if (p.consequences.Has(Consequence::kFrameshift)) partner_frameshift = true;
      }
      const bool rescued = effect.consequences.Has(Consequence::kFrameshift) && partner_frameshift &&
                           !combined->consequences.Has(Consequence::kFrameshift) &&
                           !combined->protein_position.empty();
      if (!same_codon && !rescued) continue;
      effect.consequences = combined->consequences;
      effect.amino_acids = combined->amino_acids;
      effect.codons = combined->codons;
      effect.protein_position = combined->protein_position;
      effect.hgvsp = combined->hgvsp;
      effect.haplotype = others;
    }
    return Status::Ok();
  }

  // "12" -> (12, 12), "12-14" -> (12, 14); (0, 0) when unknown ("?-12", "").
  static std::pair<int64_t, int64_t> ProteinRange(const std::string& text) {
    if (text.empty() || text[0] == '?') return {0, 0};
    const size_t dash = text.find('-');
    const int64_t first = std::atoll(text.c_str());
    if (dash == std::string::npos) return {first, first};
    if (text[dash + 1] == '?') return {0, 0};
    return {first, std::atoll(text.c_str() + dash + 1)};
  }

  static bool RefMatches(std::string_view ref, std::string_view expected) {
    if (ref.size() != expected.size()) return false;
    for (size_t k = 0; k < ref.size(); ++k) {
      char base = static_cast<char>(std::toupper(static_cast<unsigned char>(ref[k])));
      if (base != expected[k] && base != 'N' && expected[k] != 'N') return false;
    }
    return true;
  }

  static std::string AlleleString(const std::vector<std::string_view>& alleles) {
    std::string out;
    for (size_t k = 0; k < alleles.size(); ++k) {
      if (k > 0) out.push_back('/');
      out += alleles[k];
    }
    return out;
  }

  static void AppendTsvPrefix(std::string_view contig, int64_t pos0, std::string_view id,
                              std::string_view ref, std::string_view alt, std::string& out) {
    out += contig;
    out.push_back('\t');
    out += std::to_string(pos0 + 1);
    out.push_back('\t');
    out += id;
    out.push_back('\t');
    out += ref;
    out.push_back('\t');
    out += alt;
    out.push_back('\t');
  }

  void AppendJsonEffect(const AlleleAnnotation& annotation, const TranscriptEffect& effect, bool picked,
                        std::string_view alt, nlohmann::json& json_record) const {
    nlohmann::json entry;
    entry["variant_allele"] = annotation.vep_allele;
    nlohmann::json terms = nlohmann::json::array();
    if (effect.consequences.empty()) {
      terms.push_back("intergenic_variant");
    } else {
      for (size_t c = 0; c < static_cast<size_t>(Consequence::kCount); ++c) {
        if (effect.consequences.Has(static_cast<Consequence>(c)))
          terms.push_back(std::string(SoTerm(static_cast<Consequence>(c))));
      }
    }
    entry["consequence_terms"] = terms;
    entry["impact"] = std::string(
        ImpactName(effect.consequences.empty() ? Impact::kModifier : effect.consequences.HighestImpact()));
    auto put = [&entry](const char* key, const std::string& value) {
      if (!value.empty()) entry[key] = value;
    };
    if (const Transcript* t = effect.transcript) {
      entry["transcript_id"] = t->versioned_id();
      entry["gene_id"] = t->gene_id;
      put("gene_symbol", t->gene_name);
      entry["biotype"] = t->biotype;
      entry["strand"] = t->strand == Strand::kForward ? 1 : -1;
      if (t->canonical) entry["canonical"] = 1;
      if (t->mane_select) entry["mane"] = "MANE_Select";
      if (t->mane_plus_clinical) entry["mane"] = "MANE_Plus_Clinical";
      put("protein_id", t->protein_id);
    }
    put("exon", effect.exon);
    put("intron", effect.intron);
    put("hgvsc", effect.hgvsc);
    put("hgvsp", effect.hgvsp);
    put("cdna_position", effect.cdna_position);
    put("cds_position", effect.cds_position);
    put("protein_position", effect.protein_position);
    put("amino_acids", effect.amino_acids);
    put("codons", effect.codons);
    put("flags", effect.flags);
    put("hgvsg", annotation.hgvsg);
    if (effect.distance >= 0) entry["distance"] = effect.distance;
    if (picked) entry["pick"] = 1;
    const auto& fields = layout_.fields();
    size_t first_extra = fields.size() - layout_.extra_field_count();
    for (size_t k = 0; k < annotation.extra_values.size(); ++k) {
      if (!annotation.extra_values[k].empty()) entry[fields[first_extra + k]] = annotation.extra_values[k];
    }
    const char* list = effect.transcript != nullptr ? "transcript_consequences" : "intergenic_consequences";
    json_record[list].push_back(std::move(entry));
  }

  const AnnotateOptions& options_;
  const CsqLayout& layout_;
  const std::string& input_path_;
  StructuralInfoIds structural_info_ids_;
  GenotypeIds genotype_ids_;
  BcfHeaderPtr csq_header_;
  bool input_had_csq_ = false;
  Diagnostics& diagnostics_;
};

// Checks that the gene model belongs to the reference: its contigs exist there (under any
// spelling) and no transcript runs past a contig's end (a sign of a different build).
Status CheckGeneModelAgainstReference(const GeneModel& genes, const ReferenceGenome& reference,
                                      Diagnostics& diagnostics) {
  std::vector<int64_t> lengths(genes.contigs().size(), -1);
  size_t known = 0;
  for (size_t c = 0; c < genes.contigs().size(); ++c) {
    auto length = reference.Length(genes.contigs()[c]);
    if (length) {
      lengths[c] = *length;
      ++known;
    }
  }
  if (!genes.transcripts().empty() && known == 0) {
    return Status::Conflict(
        genes.source().path + ": none of the gene model's contigs (e.g. '" + genes.contigs()[0] +
        "') is in the reference " + reference.path() +
        " — different build or species, or other names for the same contigs (NC_000001.11 "
        "for chr1: give them with --contig-alias FILE)?");
  }
  for (const Transcript& t : genes.transcripts()) {
    int64_t length = lengths[t.contig];
    if (length < 0) {
      diagnostics.Warn("gene model contig not in reference",
                       genes.source().path + ": contig '" + genes.contigs()[t.contig] +
                           "' is not in the reference; its transcripts can never be hit");
      continue;
    }
    if (t.span.end > length) {
      return Status::Conflict(genes.source().path + ": transcript " + t.id + " ends at " +
                              genes.contigs()[t.contig] + ":" + std::to_string(t.span.end) +
                              ", beyond the reference contig's length " + std::to_string(length) +
                              " — gene model and reference are different builds");
    }
  }
  return Status::Ok();
}

std::string TsvHeader(const CsqLayout& layout) {
  std::string out = "#CHROM\tPOS\tID\tREF\tALT";
  for (const auto& field : layout.fields()) out += "\t" + field;
  return out + "\n";
}

}  // namespace

Result<AnnotateStats> AnnotateVcf(const AnnotateOptions& options, Diagnostics& diagnostics) {
  const auto load_start = Clock::now();
  AnnotateStats stats;
  HtsThreadPool hts_pool(options.threads);
  ZENOME_ASSIGN_OR_RETURN(auto genome, ReferenceGenome::Open(options.reference_fasta));
  ZENOME_ASSIGN_OR_RETURN(auto reader, VcfReader::Open(options.input, {hts_pool.get(), &diagnostics}));
  ZENOME_RETURN_IF_ERROR(CheckVcfContigLengths(genome->contigs(), genome->path(), reader->HeaderContigs(),
                                               reader->path(), options.allow_contig_length_mismatch,
                                               diagnostics));
  ZENOME_RETURN_IF_ERROR(reader->AddMissingContigs(genome->contigs()));

  GeneModelLoadOptions load_options;
  load_options.strict = options.strict;
  ZENOME_ASSIGN_OR_RETURN(GeneModel genes, LoadGeneModel(options.gene_model, load_options, &diagnostics));
  ZENOME_RETURN_IF_ERROR(CheckGeneModelAgainstReference(genes, *genome, diagnostics));
  stats.genes = static_cast<int64_t>(genes.genes().size());
  stats.transcripts = static_cast<int64_t>(genes.transcripts().size());

  AlleleSourcesConfig sources_config;
  ZENOME_ASSIGN_OR_RETURN(sources_config,
                          AlleleSourcesConfig::Parse(options.frequency_sources, options.clinvar, *genome));
  CsqLayout layout(sources_config.FieldNames());

  // Worker contexts: one per thread that may run a batch (the reading thread when single-threaded).
  const int workers = std::max(1, options.threads);
  ContextPool contexts;
  TranscriptEffectOptions effect_options;
  effect_options.hgvs = options.hgvs;
  effect_options.upstream_downstream_distance = options.upstream_downstream_distance;
  for (int w = 0; w < workers; ++w) {
    auto context = std::make_unique<WorkerContext>();
    ZENOME_ASSIGN_OR_RETURN(context->reference, ReferenceReader::Open(genome));
    context->predictor =
        std::make_unique<TranscriptEffectPredictor>(genes, *context->reference, effect_options);
    if (!sources_config.empty()) {
      ZENOME_ASSIGN_OR_RETURN(context->sources, AlleleSources::Open(sources_config, genome));
    }
    contexts.Add(std::move(context));
  }
  stats.load_seconds = SecondsSince(load_start);
  const auto annotate_start = Clock::now();

  // Output.
  bcf_hdr_t* header = reader->header();
  std::unique_ptr<VcfWriter> vcf_writer;
  bool input_had_csq = false;
  std::unique_ptr<TextWriter> text_writer;
  if (options.format == AnnotationFormat::kVcf) {
    input_had_csq = bcf_hdr_get_hrec(header, BCF_HL_INFO, "ID", "CSQ", nullptr) != nullptr;
    // Re-annotating replaces the previous run's field and provenance lines.
    bcf_hdr_remove(header, BCF_HL_INFO, "CSQ");
    for (const char* key : {"zenome_gene_model", "zenome_reference", "zenome_annotation_source"}) {
      RemoveHeaderLines(header, key);
    }
    std::string csq_line =
        "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"" + layout.HeaderDescription() + "\">";
    std::string genes_line = "##zenome_gene_model=<File=\"" + genes.source().path +
                             "\",Format=" + genes.source().format + ",Version=\"" + genes.source().version +
                             "\">";
    std::string reference_line = "##zenome_reference=<File=\"" + genome->path() +
                                 "\",Build=" + std::string(GenomeBuildName(genome->build())) + ">";
    if (bcf_hdr_append(header, csq_line.c_str()) < 0 || bcf_hdr_append(header, genes_line.c_str()) < 0 ||
        bcf_hdr_append(header, reference_line.c_str()) < 0) {
      return Status::Internal("cannot add annotation header lines");
    }
    for (const std::string& line : sources_config.HeaderLines()) {
      if (bcf_hdr_append(header, line.c_str()) < 0) return Status::Internal("cannot add " + line);
    }
    if (bcf_hdr_sync(header) < 0) return Status::Internal("bcf_hdr_sync failed");
    VcfWriterOptions writer_options = options.writer;
    writer_options.thread_pool = hts_pool.get();
    ZENOME_ASSIGN_OR_RETURN(vcf_writer, VcfWriter::Open(options.output, header, writer_options));
  } else {
    ZENOME_ASSIGN_OR_RETURN(text_writer, TextWriter::Open(options.output, options.bgzip_text, hts_pool.get(),
                                                          options.writer.compression_level));
    if (options.format == AnnotationFormat::kTsv)
      ZENOME_RETURN_IF_ERROR(text_writer->Write(TsvHeader(layout)));
  }

  BatchAnnotator annotator(options, layout, reader->path(), diagnostics);
  annotator.set_structural_info_ids(FindStructuralInfoIds(reader->header()));
  annotator.set_genotype_ids(FindGenotypeIds(reader->header()));
  if (vcf_writer != nullptr) annotator.set_csq_header(header, input_had_csq);
  ThreadPool& pool = SharedThreadPool(options.threads);
  struct InFlight {
    std::unique_ptr<Batch> batch;
    std::future<Status> done;
  };
  std::deque<InFlight> in_flight;
  // On an early error return, queued work still points into these batches: wait for it first.
  struct DrainOnExit {
    std::deque<InFlight>& jobs;
    ~DrainOnExit() {
      for (auto& job : jobs) {
        if (job.done.valid()) job.done.wait();
      }
    }
  } drain_on_exit{in_flight};
  std::vector<std::unique_ptr<Batch>> spare;
  std::shared_ptr<const std::vector<std::string>> contig_names;
  const size_t max_in_flight = static_cast<size_t>(workers) + 2;

  auto finish_oldest = [&]() -> Status {
    InFlight job = std::move(in_flight.front());
    in_flight.pop_front();
    ZENOME_RETURN_IF_ERROR(job.done.get());
    Batch& batch = *job.batch;
    MergeStats(batch.stats, stats);
    if (vcf_writer != nullptr) {
      for (size_t i = 0; i < batch.size; ++i)
        ZENOME_RETURN_IF_ERROR(vcf_writer->Write(batch.records[i].get()));
    } else {
      ZENOME_RETURN_IF_ERROR(text_writer->Write(batch.text));
    }
    spare.push_back(std::move(job.batch));
    return Status::Ok();
  };

  bool at_end = false;
  BcfRecordPtr carried = NewBcfRecord();
  bool have_carried = false;
  int64_t carried_line = 0;
  while (!at_end || have_carried) {
    std::unique_ptr<Batch> batch;
    if (!spare.empty()) {
      batch = std::move(spare.back());
      spare.pop_back();
    } else {
      batch = std::make_unique<Batch>();
    }
    batch->size = 0;
    batch->text.clear();
    const size_t capacity = static_cast<size_t>(std::max(1, options.batch_size));
    auto ensure_slot = [&]() {
      if (batch->records.size() <= batch->size) {
        batch->records.push_back(NewBcfRecord());
        batch->lines.push_back(0);
        batch->csq.emplace_back();
      }
    };
    // A batch does not end inside a chain of records close enough to share a haplotype group
    // (BatchAnnotator::kHaplotypeWindow): the record read past the capacity that does not join
    // the chain is carried to the next batch.
    int chain_rid = -1;
    int64_t chain_end = 0;
    if (have_carried) {
      ensure_slot();
      std::swap(batch->records[0], carried);
      batch->lines[0] = carried_line;
      chain_rid = batch->records[0]->rid;
      chain_end = batch->records[0]->pos + batch->records[0]->rlen;
      batch->size = 1;
      have_carried = false;
    }
    while (batch->size < 2 * capacity) {
      ensure_slot();
      bcf1_t* record = batch->records[batch->size].get();
      Result<bool> got = reader->Read(record);
      if (!got.ok()) {
        if (got.status().code() != ErrorCode::kBadInput || options.strict) return got.status();
        diagnostics.Warn("malformed record (skipped)", got.status().message());
        ++stats.skipped_records;
        continue;
      }
      if (!*got) {
        at_end = true;
        break;
      }
      ++stats.records;
      const bool joins_chain =
          record->rid == chain_rid && record->pos - chain_end <= BatchAnnotator::kHaplotypeWindow;
      if (batch->size >= capacity && !joins_chain) {
        std::swap(carried, batch->records[batch->size]);
        carried_line = reader->line();
        have_carried = true;
        break;
      }
      chain_end = joins_chain ? std::max(chain_end, record->pos + record->rlen) : record->pos + record->rlen;
      chain_rid = record->rid;
      batch->lines[batch->size] = reader->line();
      ++batch->size;
    }
    if (batch->size == 0) {
      spare.push_back(std::move(batch));
      break;
    }
    // Contig names for every rid the header knows now (the header may grow while reading; a
    // contig's rid and name never change).
    const auto n_contigs = static_cast<size_t>(header->n[BCF_DT_CTG]);
    if (contig_names == nullptr || contig_names->size() != n_contigs) {
      auto names = std::make_shared<std::vector<std::string>>(n_contigs);
      for (size_t rid = 0; rid < n_contigs; ++rid)
        (*names)[rid] = bcf_hdr_id2name(header, static_cast<int>(rid));
      contig_names = std::move(names);
    }
    batch->contig_names = contig_names;
    Batch* raw = batch.get();
    std::future<Status> done = pool.Submit([&annotator, &contexts, raw]() -> Status {
      std::unique_ptr<WorkerContext> context = contexts.Take();
      Status status = annotator.Annotate(*raw, *context);
      contexts.Return(std::move(context));
      return status;
    });
    in_flight.push_back({std::move(batch), std::move(done)});
    while (in_flight.size() >= max_in_flight) ZENOME_RETURN_IF_ERROR(finish_oldest());
  }
  while (!in_flight.empty()) ZENOME_RETURN_IF_ERROR(finish_oldest());
  if (vcf_writer != nullptr) ZENOME_RETURN_IF_ERROR(vcf_writer->Close());
  if (text_writer != nullptr) ZENOME_RETURN_IF_ERROR(text_writer->Close());
  stats.annotate_seconds = SecondsSince(annotate_start);
  return stats;
}

std::string FormatAnnotateSummary(const AnnotateStats& stats) {
  std::ostringstream out;
  out << "annotated " << stats.records << " records (" << stats.alleles << " ALT alleles) against "
      << stats.genes << " genes / " << stats.transcripts << " transcripts";
  out.setf(std::ios::fixed);
  out.precision(2);
  out << " in " << stats.annotate_seconds << " s (loading " << stats.load_seconds << " s)\n";
  if (stats.unannotated_records > 0 || stats.skipped_records > 0 || stats.symbolic_alleles > 0) {
    out << "  not annotated: " << stats.unannotated_records << " records written without CSQ, "
        << stats.skipped_records << " malformed records skipped, " << stats.symbolic_alleles
        << " symbolic alleles\n";
  }
  out << "  most severe consequence per allele:\n";
  for (size_t c = 0; c < stats.most_severe.size(); ++c) {
    if (stats.most_severe[c] == 0) continue;
    out << "    " << SoTerm(static_cast<Consequence>(c)) << "  " << stats.most_severe[c] << "\n";
  }
  return out.str();
}

}  // namespace zenome
