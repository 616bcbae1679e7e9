#!/usr/bin/env python3
"""Writes the inputs of the format-4 segment fixture (README.md beside this script): a small
reference and two VCFs. Deterministic (a fixed LCG), so the files can be regenerated exactly."""
import os

here = os.path.dirname(os.path.abspath(__file__))
state = 12345


def rand():
    global state
    state = (state * 1103515245 + 12345) % (1 << 31)
    return state


def bases(n):
    return "".join("ACGT"[rand() % 4] for _ in range(n))


contigs = [("chr1", 6000), ("chrX", 3000), ("chrY", 800), ("chrM", 400)]
seq = {name: bases(length) for name, length in contigs}
with open(os.path.join(here, "ref.fa"), "w") as out:
    for name, _ in contigs:
        out.write(">" + name + "\n")
        s = seq[name]
        for i in range(0, len(s), 60):
            out.write(s[i:i + 60] + "\n")

header = "##fileformat=VCFv4.2\n" + "".join(
    "##contig=<ID=%s,length=%d>\n" % (name, length) for name, length in contigs)
header += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'


def alt_of(ref):
    return "ACGT"[("ACGT".index(ref) + 1 + rand() % 3) % 4]


# Plain VCF, three samples (m1 male: haploid X/Y), about 300 sites on chr1 (three sites blocks),
# indels and a multi-allelic record, no calls.
lines = []
genotypes = ["0/0", "0/1", "1/1", "0/1", "./.", "0|1"]
for pos in range(20, 5900, 19):
    ref = seq["chr1"][pos - 1]
    alt = alt_of(ref)
    gts = [genotypes[rand() % len(genotypes)] for _ in range(3)]
    if all(gt in ("0/0",) for gt in gts):
        gts[0] = "0/1"
    if pos % 7 == 0:  # a deletion of two bases and an insertion, as one multi-allelic record
        ref = seq["chr1"][pos - 1:pos + 2]
        alt = ref[0] + "," + ref + "TT"
        gts = ["1/2", "0/2", "0/0"]
    lines.append("chr1\t%d\t.\t%s\t%s\t50\tPASS\t.\tGT\t%s" % (pos, ref, alt, "\t".join(gts)))
for pos in range(100, 2900, 97):
    ref = seq["chrX"][pos - 1]
    male = "1" if rand() % 2 else "0"
    lines.append("chrX\t%d\t.\t%s\t%s\t50\tPASS\t.\tGT\t%s\t0/1\t%s" % (pos, ref, alt_of(ref), male,
                                                                         "1/1" if pos % 3 else "0/0"))
for pos in (150, 420):
    ref = seq["chrY"][pos - 1]
    lines.append("chrY\t%d\t.\t%s\t%s\t50\tPASS\t.\tGT\t1\t.\t.\t" % (pos, ref, alt_of(ref)))
ref = seq["chrM"][199]
lines.append("chrM\t200\t.\t%s\t%s\t50\tPASS\t.\tGT\t1\t0\t1" % (ref, alt_of(ref)))
with open(os.path.join(here, "trio.vcf"), "w") as out:
    out.write(header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tm1\tf1\tf2\n")
    for line in lines:
        out.write(line.rstrip("\t") + "\n")

# gVCF, one sample: reference blocks with gaps (not callable), a few calls.
g = header.replace("##FORMAT", '##ALT=<ID=NON_REF,Description="Any other allele">\n'
                   '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n##FORMAT')
rows = []
pos = 1
while pos < 5900:
    end = pos + 150 + rand() % 300
    rows.append("chr1\t%d\t.\t%s\t<NON_REF>\t.\t.\tEND=%d\tGT\t0/0" % (pos, seq["chr1"][pos - 1], end))
    call = end + 1
    if call < 5990:
        ref = seq["chr1"][call - 1]
        rows.append("chr1\t%d\t.\t%s\t%s,<NON_REF>\t50\tPASS\t.\tGT\t0/1" % (call, ref, alt_of(ref)))
    pos = call + 1 + rand() % 40  # a gap: not callable
rows.append("chrX\t1\t.\t%s\t<NON_REF>\t.\t.\tEND=2500\tGT\t0/0" % seq["chrX"][0])
with open(os.path.join(here, "g1.g.vcf"), "w") as out:
    out.write(g + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tg1\n")
    for row in rows:
        out.write(row + "\n")
