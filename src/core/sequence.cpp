#include "core/sequence.h"

#include <array>
#include <cctype>
#include <cstdint>

#include "core/contig_names.h"
#include "core/text.h"

namespace zenome {

namespace {
// Codons indexed by (b1*16 + b2*4 + b3) with T=0, C=1, A=2, G=3 (the classic table order).
constexpr std::string_view kStandardTable =
    "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
constexpr std::string_view kVertebrateMitoTable =
    "FFLLSSSSYY**CCWWLLLLPPPPHHQQRRRRIIMMTTTTNNKKSS**VVVVAAAADDEEGGGG";

constexpr int BaseIndexOf(char base) {
  switch (base) {
    case 'T':
    case 't':
    case 'U':
    case 'u': return 0;
    case 'C':
    case 'c': return 1;
    case 'A':
    case 'a': return 2;
    case 'G':
    case 'g': return 3;
    default: return -1;
  }
}

struct BaseIndexTable {
  std::array<int8_t, 256> of{};
  constexpr BaseIndexTable() {
    for (int b = 0; b < 256; ++b) of[b] = static_cast<int8_t>(BaseIndexOf(static_cast<char>(b)));
  }
};
constexpr BaseIndexTable kBaseIndex;

int BaseIndex(char base) {
  return kBaseIndex.of[static_cast<unsigned char>(base)];
}

constexpr std::array<std::pair<char, std::string_view>, 23> kThreeLetter = {{
    {'A', "Ala"}, {'R', "Arg"}, {'N', "Asn"}, {'D', "Asp"}, {'C', "Cys"}, {'Q', "Gln"},
    {'E', "Glu"}, {'G', "Gly"}, {'H', "His"}, {'I', "Ile"}, {'L', "Leu"}, {'K', "Lys"},
    {'M', "Met"}, {'F', "Phe"}, {'P', "Pro"}, {'S', "Ser"}, {'T', "Thr"}, {'W', "Trp"},
    {'Y', "Tyr"}, {'V', "Val"}, {'*', "Ter"}, {'U', "Sec"}, {'X', "Xaa"},
}};
}  // namespace

GeneticCode GeneticCodeForContig(std::string_view contig) {
  return CanonicalContigName(contig) == "MT" ? GeneticCode::kVertebrateMitochondrial : GeneticCode::kStandard;
}

namespace {
constexpr char ComplementOf(char base) {
  switch (base) {
    case 'A': return 'T';
    case 'C': return 'G';
    case 'G': return 'C';
    case 'T': return 'A';
    case 'a': return 't';
    case 'c': return 'g';
    case 'g': return 'c';
    case 't': return 'a';
    case 'N': return 'N';
    case 'n': return 'n';
    default: return base;
  }
}

// ComplementOf for every byte: one load per base on the transcript-sequence hot path.
struct ComplementTable {
  std::array<char, 256> of{};
  constexpr ComplementTable() {
    for (int b = 0; b < 256; ++b) of[b] = ComplementOf(static_cast<char>(b));
  }
};
constexpr ComplementTable kComplement;
}  // namespace

char ComplementBase(char base) {
  return kComplement.of[static_cast<unsigned char>(base)];
}

std::string ReverseComplement(std::string_view seq) {
  std::string out(seq.size(), '\0');
  for (size_t i = 0, n = seq.size(); i < n; ++i) out[i] = ComplementBase(seq[n - 1 - i]);
  return out;
}

void ReverseComplementInPlace(std::string& seq) {
  size_t i = 0;
  size_t j = seq.size();
  while (i + 1 < j) {
    char a = ComplementBase(seq[i]);
    seq[i] = ComplementBase(seq[j - 1]);
    seq[j - 1] = a;
    ++i;
    --j;
  }
  if (i + 1 == j) seq[i] = ComplementBase(seq[i]);
}

std::string ToUpper(std::string_view seq) {
  return AsciiUpper(seq);
}

bool IsAcgtn(std::string_view seq) {
  for (char c : seq) {
    if (!IsAcgtnBase(c)) return false;
  }
  return true;
}

char TranslateCodon(std::string_view codon, GeneticCode code) {
  if (codon.size() != 3) return 'X';
  int a = BaseIndex(codon[0]);
  int b = BaseIndex(codon[1]);
  int c = BaseIndex(codon[2]);
  if (a < 0 || b < 0 || c < 0) return 'X';
  const std::string_view table =
      code == GeneticCode::kVertebrateMitochondrial ? kVertebrateMitoTable : kStandardTable;
  return table[a * 16 + b * 4 + c];
}

std::string Translate(std::string_view cds, GeneticCode code) {
  std::string out;
  out.reserve(cds.size() / 3);
  for (size_t i = 0; i + 3 <= cds.size(); i += 3) out.push_back(TranslateCodon(cds.substr(i, 3), code));
  return out;
}

bool IsStartCodon(std::string_view codon, GeneticCode code) {
  // NCBI translation table 2 initiates at ATT, ATC, ATA, ATG and GTG (human MT-ND2 starts with
  // ATT, MT-ND1/3/5 with ATA). In the standard code only ATG counts: table 1's rare TTG/CTG starts
  // would hide an ATG>CTG start_lost, which VEP and bcftools both report.
  if (code == GeneticCode::kVertebrateMitochondrial) {
    if (codon.size() != 3) return false;
    char c[3];
    for (int i = 0; i < 3; ++i) c[i] = static_cast<char>(codon[i] & ~0x20);
    const std::string_view upper(c, 3);
    return upper == "ATT" || upper == "ATC" || upper == "ATA" || upper == "ATG" || upper == "GTG";
  }
  return codon == "ATG" || codon == "atg";
}

std::string_view AminoAcidThreeLetter(char one_letter) {
  for (const auto& [letter, name] : kThreeLetter) {
    if (letter == one_letter) return name;
  }
  return "Xaa";
}

std::string ToThreeLetter(std::string_view peptide) {
  std::string out;
  out.reserve(peptide.size() * 3);
  for (char aa : peptide) out += AminoAcidThreeLetter(aa);
  return out;
}

}  // namespace zenome
