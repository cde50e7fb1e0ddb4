#pragma once
// The compact per-event record kept for the whole retention (3 h + lateness), so the sliding
// maps can be decremented exactly and a filter or lookback change recomputed without the
// source. Strings are interned ids; the owning SecondRing holds one reference per id. The
// record lives in the slot of its second, which supplies the rest of its time; keyword
// matches (rare) live in the slot's side list, not in every record.

#include <cstdint>

namespace wt::analytics {

struct EventRecord {
    static constexpr std::int64_t kMaxRevision = (std::int64_t(1) << 48) - 1;

    std::uint32_t wikiId = 0;
    std::uint32_t userId = 0;
    std::uint32_t pageId = 0;  // interned "wiki\ntitle"
    std::int32_t delta = 0;
    std::uint32_t revGap = 0;  // revNew - revOld when both known and it fits, else 0
    std::uint32_t revNewLow = 0;
    std::uint16_t revNewHigh = 0; // revNew = high << 32 | low: 48 bits, 0 when unknown
    std::int16_t ns = 0;          // clamped to int16 (real namespaces are far inside)
    std::uint16_t flags = 0;
    std::uint16_t msInSecond : 10 = 0; // time = slot second * 1000 + msInSecond
    std::uint16_t type : 3 = 0;

    std::int64_t revNew() const { return (std::int64_t(revNewHigh) << 32) | revNewLow; }
    void setRevNew(std::int64_t rev)
    {
        if (rev < 0 || rev > kMaxRevision)
            rev = 0;
        revNewLow = static_cast<std::uint32_t>(rev);
        revNewHigh = static_cast<std::uint16_t>(rev >> 32);
    }
    std::int64_t timeMs(std::int64_t second) const { return second * 1000 + msInSecond; }
};

static_assert(sizeof(EventRecord) == 32, "keep the per-event record compact");

// A keyword match of one record: its index in the slot and the matched pattern bits.
struct KeywordMark {
    std::uint32_t index = 0;
    std::uint32_t mask = 0;
};

} // namespace wt::analytics
