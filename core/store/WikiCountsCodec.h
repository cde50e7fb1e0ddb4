#pragma once
// Packs the per-wiki counters of one minute (or hour) into one compact blob: a row per minute
// instead of a row per wiki keeps writing 1,000 wikis a minute far under a millisecond.
// Entry: varint wiki id, varint payload length, 15 zig-zag varints (MinuteCounts order).
// Pure functions; used on the storage thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/MinuteSummary.h"

namespace wt::store::codec {

void append(std::string& out, std::int64_t wikiId, const analytics::MinuteCounts& counts);

// Low-level readers, for the inline decoder below.
bool readVarint(std::string_view s, std::size_t& pos, std::uint64_t& v);
bool readPayload(std::string_view payload, analytics::MinuteCounts& c);

// Calls fn(id, counts) for each entry; false when the blob is malformed (stops there).
template <typename Fn>
bool decode(std::string_view blob, Fn&& fn)
{
    std::size_t pos = 0;
    while (pos < blob.size()) {
        std::uint64_t id = 0, len = 0;
        if (!readVarint(blob, pos, id) || !readVarint(blob, pos, len) || len > blob.size() - pos)
            return false;
        analytics::MinuteCounts c;
        if (!readPayload(blob.substr(pos, len), c))
            return false;
        pos += len;
        fn(std::int64_t(id), c);
    }
    return true;
}

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
