#pragma once
// Shared by the libFuzzer targets: the byte view type the parsers take.
#include "certrenew/core/bytes.hpp"
