#pragma once
// The serving layer's refusal texts (http/refusal.cpp), in both languages.

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::server::catalogues {

const Catalogue& serving_refusals();

}  // namespace certrenew::server::catalogues
