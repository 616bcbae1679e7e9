#include "annotate/pick.h"

#include <tuple>

namespace zenome {

namespace {
// Smaller tuple = preferred, criterion by criterion as VEP's pick_order lists them.
auto PickKey(const TranscriptEffect& effect) {
  const Transcript* t = effect.transcript;
  if (t == nullptr) {  // intergenic: only ever alone
    return std::make_tuple(1, 1, 1, 99, 1, 99, int64_t{0}, std::string_view());
  }
  int tsl = t->tsl > 0 ? t->tsl : 99;  // absent support level ranks last
  return std::make_tuple(t->mane_select ? 0 : 1, t->mane_plus_clinical ? 0 : 1, t->canonical ? 0 : 1, tsl,
                         t->biotype == "protein_coding" ? 0 : 1,
                         static_cast<int>(effect.consequences.MostSevere()),
                         -(t->is_coding() ? t->cds_length() : t->cdna_length()), std::string_view(t->id));
}
}  // namespace

size_t PickEffect(const std::vector<TranscriptEffect>& effects) {
  size_t best = 0;
  for (size_t i = 1; i < effects.size(); ++i) {
    if (PickKey(effects[i]) < PickKey(effects[best])) best = i;
  }
  return best;
}

}  // namespace zenome
