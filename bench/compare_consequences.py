#!/usr/bin/env python3
"""Consequence concordance between zenome annotate (CSQ) and bcftools csq (BCSQ).

Reads `bcftools query` dumps of both annotated files and reports, per variant, whether the most
severe consequence agrees (bcftools terms mapped to Sequence Ontology), restricted to what both
tools annotate, and tabulates every disagreement by (zenome term, bcftools term) so each
systematic difference can be explained. Usage:
  compare_consequences.py ZENOME.tsv BCFTOOLS.tsv [--examples N]
ZENOME.tsv:   CHROM POS REF ALT CSQ     (bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%CSQ\n')
BCFTOOLS.tsv: CHROM POS REF ALT BCSQ
"""
import collections
import sys

# VEP severity order (src/annotate/consequence.h).
SEVERITY = [
    "transcript_ablation", "splice_acceptor_variant", "splice_donor_variant", "stop_gained",
    "frameshift_variant", "stop_lost", "start_lost", "inframe_insertion", "inframe_deletion",
    "missense_variant", "protein_altering_variant", "splice_donor_5th_base_variant",
    "splice_region_variant", "splice_donor_region_variant", "splice_polypyrimidine_tract_variant",
    "incomplete_terminal_codon_variant", "start_retained_variant", "stop_retained_variant",
    "synonymous_variant", "coding_sequence_variant", "5_prime_UTR_variant", "3_prime_UTR_variant",
    "non_coding_transcript_exon_variant", "intron_variant", "NMD_transcript_variant",
    "non_coding_transcript_variant", "upstream_gene_variant", "downstream_gene_variant",
    "intergenic_variant"]
RANK = {term: i for i, term in enumerate(SEVERITY)}

BCFTOOLS_TO_SO = {
    "intron": "intron_variant", "5_prime_utr": "5_prime_UTR_variant",
    "3_prime_utr": "3_prime_UTR_variant", "synonymous": "synonymous_variant",
    "missense": "missense_variant", "non_coding": "non_coding_transcript_exon_variant",
    "splice_region": "splice_region_variant", "splice_acceptor": "splice_acceptor_variant",
    "splice_donor": "splice_donor_variant", "frameshift": "frameshift_variant",
    "inframe_insertion": "inframe_insertion", "inframe_deletion": "inframe_deletion",
    "inframe_altering": "protein_altering_variant", "stop_gained": "stop_gained",
    "stop_lost": "stop_lost", "start_lost": "start_lost", "start_retained": "start_retained_variant",
    "stop_retained": "stop_retained_variant", "coding_sequence": "coding_sequence_variant",
    "feature_elongation": "protein_altering_variant",
}
# Terms bcftools csq never reports: zenome alleles whose only terms are these are "zenome only".
ZENOME_ONLY = {"upstream_gene_variant", "downstream_gene_variant", "intergenic_variant",
               "NMD_transcript_variant", "non_coding_transcript_variant"}


def most_severe(terms):
    terms = [t for t in terms if t in RANK]
    return min(terms, key=RANK.get) if terms else None


def zenome_terms(csq, transcripts_seen):
    """Per ALT allele: set of SO terms over the transcripts bcftools also annotated (all if none)."""
    by_allele = collections.defaultdict(list)
    for entry in csq.split(","):
        fields = entry.split("|")
        if len(fields) < 7:
            continue
        feature = fields[6].split(".")[0]
        by_allele[fields[0]].append((feature, fields[3], fields[1].split("&")))
    return by_allele


def bcftools_terms(bcsq):
    """(gene, transcript, [SO terms]) per BCSQ entry ('@' back-references skipped). bcftools
    leaves the transcript empty for intronic and some non-coding hits and names only the gene."""
    out = []
    if bcsq in (".", ""):
        return out
    for entry in bcsq.split(","):
        if entry.startswith("@"):
            continue
        fields = entry.split("|")
        terms = [BCFTOOLS_TO_SO.get(t.lstrip("*"), t) for t in fields[0].split("&")]
        gene = fields[1] if len(fields) > 1 else ""
        transcript = fields[2] if len(fields) > 2 else ""
        out.append((gene, transcript, terms))
    return out


def load(path):
    rows = {}
    with open(path) as handle:
        for line in handle:
            chrom, pos, ref, alt, value = line.rstrip("\n").split("\t")
            rows[(chrom, pos, ref, alt)] = value
    return rows


def main():
    zenome = load(sys.argv[1])
    bcftools = load(sys.argv[2])
    examples = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 3
    counts = collections.Counter()
    disagreements = collections.Counter()
    shown = collections.defaultdict(list)
    for key, csq in zenome.items():
        if "," in key[3]:
            counts["multi-allelic records (skipped)"] += 1
            continue
        counts["variants"] += 1
        b_entries = bcftools_terms(bcftools.get(key, "."))
        alleles = zenome_terms(csq, None)
        z_all = [t for entries in alleles.values() for _, _, terms in entries for t in terms]
        if not b_entries:
            if not z_all or set(z_all) <= ZENOME_ONLY:
                counts["both: no transcript consequence bcftools reports"] += 1
            else:
                counts["zenome only (transcripts bcftools skips, e.g. lncRNA)"] += 1
            continue
        b_transcripts = {t for _, t, _ in b_entries if t}
        b_genes = {g for g, t, _ in b_entries if not t}
        z_shared = [t for entries in alleles.values() for feature, gene, terms in entries
                    if feature in b_transcripts or gene in b_genes for t in terms]
        z_best = most_severe(z_shared)
        b_best = most_severe([t for _, _, terms in b_entries for t in terms])
        counts["compared"] += 1
        if z_best == b_best:
            counts["agree"] += 1
        else:
            disagreements[(z_best, b_best)] += 1
            if len(shown[(z_best, b_best)]) < examples:
                shown[(z_best, b_best)].append(":".join(key))
    compared = counts["compared"]
    print("variants: %d" % counts["variants"])
    for label in sorted(counts):
        if label not in ("variants", "compared", "agree"):
            print("  %s: %d" % (label, counts[label]))
    print("compared (bcftools annotated the variant): %d" % compared)
    if compared:
        print("most severe consequence agrees: %d (%.3f%%)" % (counts["agree"], 100.0 * counts["agree"] / compared))
    for (z, b), n in disagreements.most_common():
        print("  zenome %-36s bcftools %-36s %7d   e.g. %s" % (z, b, n, " ".join(shown[(z, b)])))


if __name__ == "__main__":
    main()
