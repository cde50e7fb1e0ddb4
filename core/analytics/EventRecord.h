#pragma once
// The compact per-event record kept for the whole retention (3 h + lateness), so the sliding
// maps can be decremented exactly and a filter or lookback change recomputed without the
// source. Strings are interned ids; the owning SecondRing holds one reference per id.

#include <cstdint>

namespace wt::analytics {

struct EventRecord {
    std::int64_t timeMs = 0;
    std::int64_t revNew = 0;
    std::uint32_t keywordMask = 0; // bit i: keyword i matched (at most 32 keywords counted)
    std::int32_t delta = 0;
    std::int32_t ns = 0;
    std::uint32_t wikiId = 0;
    std::uint32_t userId = 0;
    std::uint32_t pageId = 0;  // interned "wiki\ntitle"
    std::uint32_t revGap = 0;  // revNew - revOld when both known and it fits, else 0
    std::uint16_t flags = 0;
    std::uint8_t type = 0;
    std::uint8_t reserved = 0;
};

static_assert(sizeof(EventRecord) == 48, "keep the per-event record compact");

} // namespace wt::analytics
