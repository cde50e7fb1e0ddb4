#pragma once
// Packs the per-wiki counters of one minute (or hour) into one compact blob: a row per minute
// instead of a row per wiki keeps writing 1,000 wikis a minute far under a millisecond.
// Entry: varint wiki id, varint payload length, 15 zig-zag varints (MinuteCounts order).
// Pure functions; used on the storage thread.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/MinuteSummary.h"

namespace wt::store::codec {

void append(std::string& out, std::int64_t wikiId, const analytics::MinuteCounts& counts);

// Calls fn(id, counts) for each entry; false when the blob is malformed (stops there).
bool decode(std::string_view blob, const std::function<void(std::int64_t, const analytics::MinuteCounts&)>& fn);

// The entry of one wiki, skipping the others without decoding them.
std::optional<analytics::MinuteCounts> find(std::string_view blob, std::int64_t wikiId);

// Dense accumulation by wiki id (ids are small rowids), for rollups.
struct WikiAccumulator {
    std::vector<analytics::MinuteCounts> counts;
    std::vector<bool> present;
    void add(std::int64_t id, const analytics::MinuteCounts& c);
    bool addBlob(std::string_view blob);
    std::string encode() const;
};

} // namespace wt::store::codec
