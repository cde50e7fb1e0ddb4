#pragma once
// Packs the per-wiki counters of one minute (or hour) into one compact blob: a row per minute
// instead of a row per wiki keeps writing 1,000 wikis a minute far under a millisecond.
// Entry: varint wiki id, varint payload length, 15 zig-zag varints (MinuteCounts order).
// Pure functions; used on the storage thread. The hot loops (a live minute encodes 1,000
// entries, a start-up load decodes hundreds of thousands) work on raw pointers, inline.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/MinuteSummary.h"

namespace wt::store::codec {

namespace detail {

inline char* putVarint(char* p, std::uint64_t v)
{
    while (v >= 0x80) {
        *p++ = char((v & 0x7f) | 0x80);
        v >>= 7;
    }
    *p++ = char(v);
    return p;
}

// Reads one varint from [p, end); nullptr when truncated or longer than 10 bytes.
inline const std::uint8_t* getVarint(const std::uint8_t* p, const std::uint8_t* end, std::uint64_t& v)
{
    if (p < end && *p < 0x80) { // most counters fit one byte
        v = *p;
        return p + 1;
    }
    v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const std::uint8_t b = *p++;
        v |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return p;
    }
    return nullptr;
}

inline std::uint64_t zig(std::int64_t v) { return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63); }
inline std::int64_t unzig(std::uint64_t v) { return std::int64_t(v >> 1) ^ -std::int64_t(v & 1); }

// The 15 counters of one payload [p, end); false when malformed.
inline bool readPayload(const std::uint8_t* p, const std::uint8_t* end, analytics::MinuteCounts& c)
{
    std::uint64_t f[15];
    for (auto& x : f)
        if (!(p = getVarint(p, end, x)))
            return false;
    c.events = f[0];
    c.bots = f[1];
    c.anonymous = f[2];
    c.temporary = f[3];
    c.registered = f[4];
    c.bytesAdded = unzig(f[5]);
    c.bytesRemoved = unzig(f[6]);
    c.newPages = f[7];
    for (std::size_t i = 0; i < 6; ++i)
        c.byType[i] = f[8 + i];
    c.late = f[14];
    return true;
}

} // namespace detail

// The most bytes one entry takes: two 10-byte header varints and 15 payload varints.
inline constexpr std::size_t kMaxEntryBytes = 2 * 10 + 15 * 10;

// Writes one entry at p (room for kMaxEntryBytes) and returns the end of what it wrote.
char* put(char* p, std::int64_t wikiId, const analytics::MinuteCounts& counts);
void append(std::string& out, std::int64_t wikiId, const analytics::MinuteCounts& counts);

// Calls fn(id, counts) for each entry; false when the blob is malformed (stops there).
template <typename Fn>
bool decode(std::string_view blob, Fn&& fn)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(blob.data());
    const auto* end = p + blob.size();
    while (p < end) {
        std::uint64_t id = 0, len = 0;
        if (!(p = detail::getVarint(p, end, id)) || !(p = detail::getVarint(p, end, len)) ||
            len > std::uint64_t(end - p))
            return false;
        analytics::MinuteCounts c;
        if (!detail::readPayload(p, p + len, c))
            return false;
        p += len;
        fn(std::int64_t(id), c);
    }
    return true;
}

// The entry of one wiki, skipping the others without decoding them.
std::optional<analytics::MinuteCounts> find(std::string_view blob, std::int64_t wikiId);

// Adds b into a, field by field.
inline void addCounts(analytics::MinuteCounts& a, const analytics::MinuteCounts& b)
{
    a.events += b.events;
    a.bots += b.bots;
    a.anonymous += b.anonymous;
    a.temporary += b.temporary;
    a.registered += b.registered;
    a.bytesAdded += b.bytesAdded;
    a.bytesRemoved += b.bytesRemoved;
    a.newPages += b.newPages;
    for (std::size_t i = 0; i < a.byType.size(); ++i)
        a.byType[i] += b.byType[i];
    a.late += b.late;
}

// Dense accumulation by wiki id (ids are small rowids), for rollups.
struct WikiAccumulator {
    std::vector<analytics::MinuteCounts> counts;
    std::vector<std::uint8_t> present;
    void add(std::int64_t id, const analytics::MinuteCounts& c)
    {
        if (id < 0)
            return;
        const auto i = std::size_t(id);
        if (i >= counts.size())
            grow(i + 1);
        addCounts(counts[i], c);
        present[i] = 1;
    }
    bool addBlob(std::string_view blob);
    void clear(); // keeps the capacity
    // Encodes into buffer (grown when too small, never shrunk) and returns the blob, a prefix.
    std::string_view encodeInto(std::string& buffer) const;
    std::string encode() const;
    bool operator==(const WikiAccumulator& other) const; // same entries, same counts
    void grow(std::size_t size);
};

} // namespace wt::store::codec
