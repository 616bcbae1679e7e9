#pragma once
// DNA and protein sequence helpers: complement, translation with the standard and the vertebrate
// mitochondrial codes, amino-acid names.

#include <string>
#include <string_view>

namespace zenome {

enum class GeneticCode { kStandard = 1, kVertebrateMitochondrial = 2 };

// The code a contig uses: vertebrate mitochondrial for MT/chrM, standard otherwise.
GeneticCode GeneticCodeForContig(std::string_view contig);

char ComplementBase(char base);
std::string ReverseComplement(std::string_view seq);
void ReverseComplementInPlace(std::string& seq);
std::string ToUpper(std::string_view seq);
// True for A, C, G, T or N, upper or lower case.
constexpr bool IsAcgtnBase(char c) {
  switch (c) {
    case 'A':
    case 'C':
    case 'G':
    case 'T':
    case 'N':
    case 'a':
    case 'c':
    case 'g':
    case 't':
    case 'n': return true;
    default: return false;
  }
}
// True when every character is one of ACGTN (upper or lower case).
bool IsAcgtn(std::string_view seq);

// One-letter amino acid for a codon ('*' for stop, 'X' when the codon has non-ACGT bases).
char TranslateCodon(std::string_view codon, GeneticCode code = GeneticCode::kStandard);
// Translates whole codons; a trailing partial codon is ignored.
std::string Translate(std::string_view cds, GeneticCode code = GeneticCode::kStandard);
bool IsStartCodon(std::string_view codon, GeneticCode code = GeneticCode::kStandard);

// "Arg" for 'R', "Ter" for '*', "Xaa" for 'X'.
std::string_view AminoAcidThreeLetter(char one_letter);
// "p.Arg97Ter"-style rendering of a peptide: concatenated three-letter codes.
std::string ToThreeLetter(std::string_view peptide);

}  // namespace zenome
