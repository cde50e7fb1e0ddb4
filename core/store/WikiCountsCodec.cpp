#include "store/WikiCountsCodec.h"

#include <cstring>

namespace wt::store::codec {

char* put(char* p, std::int64_t wikiId, const analytics::MinuteCounts& c)
{
    p = detail::putVarint(p, std::uint64_t(wikiId));
    // One byte for the length, which is almost always < 128; moved aside when it is not.
    char* const lenAt = p;
    char* const payload = p + 1;
    p = payload;
    p = detail::putVarint(p, c.events);
    p = detail::putVarint(p, c.bots);
    p = detail::putVarint(p, c.anonymous);
    p = detail::putVarint(p, c.temporary);
    p = detail::putVarint(p, c.registered);
    p = detail::putVarint(p, detail::zig(c.bytesAdded));
    p = detail::putVarint(p, detail::zig(c.bytesRemoved));
    p = detail::putVarint(p, c.newPages);
    for (std::uint64_t t : c.byType)
        p = detail::putVarint(p, t);
    p = detail::putVarint(p, c.late);
    const auto len = std::size_t(p - payload);
    if (len < 0x80) {
        *lenAt = char(len);
        return p;
    }
    std::memmove(payload + 1, payload, len); // at most 150 bytes: a two-byte length
    detail::putVarint(lenAt, len);
    return p + 1;
}

void append(std::string& out, std::int64_t wikiId, const analytics::MinuteCounts& c)
{
    char buf[kMaxEntryBytes];
    out.append(buf, std::size_t(put(buf, wikiId, c) - buf));
}

std::optional<analytics::MinuteCounts> find(std::string_view blob, std::int64_t wikiId)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(blob.data());
    const auto* end = p + blob.size();
    while (p < end) {
        std::uint64_t id = 0, len = 0;
        if (!(p = detail::getVarint(p, end, id)) || !(p = detail::getVarint(p, end, len)) ||
            len > std::uint64_t(end - p))
            return std::nullopt;
        if (std::int64_t(id) == wikiId) {
            analytics::MinuteCounts c;
            if (detail::readPayload(p, p + len, c))
                return c;
            return std::nullopt;
        }
        p += len;
    }
    return std::nullopt;
}

void WikiAccumulator::grow(std::size_t size)
{
    // Ids are dense rowids, new wikis come one at a time: grow geometrically.
    const std::size_t target = std::max(size, counts.size() + counts.size() / 2);
    counts.resize(target);
    present.resize(target, 0);
}

void WikiAccumulator::clear()
{
    std::fill(counts.begin(), counts.end(), analytics::MinuteCounts{});
    std::fill(present.begin(), present.end(), std::uint8_t(0));
}

bool WikiAccumulator::addBlob(std::string_view blob)
{
    return decode(blob, [this](std::int64_t id, const analytics::MinuteCounts& c) { add(id, c); });
}

std::string_view WikiAccumulator::encodeInto(std::string& buffer) const
{
    if (buffer.size() < counts.size() * kMaxEntryBytes)
        buffer.resize(counts.size() * kMaxEntryBytes);
    char* const begin = buffer.data();
    char* p = begin;
    for (std::size_t id = 0; id < counts.size(); ++id)
        if (present[id])
            p = put(p, std::int64_t(id), counts[id]);
    return {begin, std::size_t(p - begin)};
}

std::string WikiAccumulator::encode() const
{
    std::string buffer;
    return std::string(encodeInto(buffer));
}

static_assert(sizeof(analytics::MinuteCounts) == 15 * sizeof(std::uint64_t), "compared bytewise: no padding");

bool WikiAccumulator::operator==(const WikiAccumulator& other) const
{
    const std::size_t n = std::max(counts.size(), other.counts.size());
    for (std::size_t id = 0; id < n; ++id) {
        const bool a = id < present.size() && present[id];
        const bool b = id < other.present.size() && other.present[id];
        if (a != b)
            return false;
        if (a && std::memcmp(&counts[id], &other.counts[id], sizeof(analytics::MinuteCounts)) != 0)
            return false;
    }
    return true;
}

} // namespace wt::store::codec
