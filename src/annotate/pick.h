#pragma once
// One consequence per allele, chosen in VEP's default --pick order: MANE Select, MANE Plus
// Clinical, canonical, transcript support level, biotype (protein_coding first), consequence
// rank (most severe), transcript length (longer first); ties broken by transcript ID.

#include <cstddef>
#include <vector>

#include "annotate/transcript_effect.h"

namespace zenome {

// Index into `effects` of the picked effect; effects must be non-empty.
size_t PickEffect(const std::vector<TranscriptEffect>& effects);

}  // namespace zenome
