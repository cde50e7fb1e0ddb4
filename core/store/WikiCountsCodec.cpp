#include "store/WikiCountsCodec.h"

#include "store/HistorySchema.h"

namespace wt::store::codec {

namespace {

void putVarint(std::string& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}

bool getVarint(std::string_view s, std::size_t& pos, std::uint64_t& v)
{
    v = 0;
    for (int shift = 0; shift < 64 && pos < s.size(); shift += 7) {
        const auto b = std::uint8_t(s[pos++]);
        v |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

std::uint64_t zig(std::int64_t v) { return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63); }
std::int64_t unzig(std::uint64_t v) { return std::int64_t(v >> 1) ^ -std::int64_t(v & 1); }

bool decodePayload(std::string_view p, analytics::MinuteCounts& c)
{
    std::size_t pos = 0;
    std::uint64_t f[15];
    for (auto& x : f)
        if (!getVarint(p, pos, x))
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

} // namespace

void append(std::string& out, std::int64_t wikiId, const analytics::MinuteCounts& c)
{
    std::string payload;
    payload.reserve(24);
    for (std::uint64_t v : {c.events, c.bots, c.anonymous, c.temporary, c.registered})
        putVarint(payload, v);
    putVarint(payload, zig(c.bytesAdded));
    putVarint(payload, zig(c.bytesRemoved));
    putVarint(payload, c.newPages);
    for (std::uint64_t t : c.byType)
        putVarint(payload, t);
    putVarint(payload, c.late);
    putVarint(out, std::uint64_t(wikiId));
    putVarint(out, payload.size());
    out += payload;
}

bool readVarint(std::string_view s, std::size_t& pos, std::uint64_t& v) { return getVarint(s, pos, v); }

bool readPayload(std::string_view payload, analytics::MinuteCounts& c) { return decodePayload(payload, c); }

std::optional<analytics::MinuteCounts> find(std::string_view blob, std::int64_t wikiId)
{
    std::size_t pos = 0;
    while (pos < blob.size()) {
        std::uint64_t id = 0, len = 0;
        if (!getVarint(blob, pos, id) || !getVarint(blob, pos, len) || len > blob.size() - pos)
            return std::nullopt;
        if (std::int64_t(id) == wikiId) {
            analytics::MinuteCounts c;
            if (decodePayload(blob.substr(pos, len), c))
                return c;
            return std::nullopt;
        }
        pos += len;
    }
    return std::nullopt;
}

void WikiAccumulator::add(std::int64_t id, const analytics::MinuteCounts& c)
{
    if (id < 0)
        return;
    if (std::size_t(id) >= counts.size()) {
        counts.resize(std::size_t(id) + 1);
        present.resize(std::size_t(id) + 1, false);
    }
    schema::addCounts(counts[std::size_t(id)], c);
    present[std::size_t(id)] = true;
}

bool WikiAccumulator::addBlob(std::string_view blob)
{
    return decode(blob, [this](std::int64_t id, const analytics::MinuteCounts& c) { add(id, c); });
}

std::string WikiAccumulator::encode() const
{
    std::string out;
    for (std::size_t id = 0; id < counts.size(); ++id)
        if (present[id])
            append(out, std::int64_t(id), counts[id]);
    return out;
}

} // namespace wt::store::codec
