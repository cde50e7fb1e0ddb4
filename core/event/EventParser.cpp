#include "event/EventParser.h"

#include "enrich/HostTable.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <simdjson.h>

namespace wt::event {

namespace {

namespace od = simdjson::ondemand;
using ingest::RejectReason;

ParseResult rejected(RejectReason reason, const char* detail)
{
    return {ParseStatus::Rejected, reason, detail};
}

// Errors of a get_*() on a value: a wrong JSON type is the event's fault in a recognisable way;
// anything else means the document itself is broken.
ParseResult fromValueError(simdjson::error_code error, const char* wrongTypeDetail)
{
    if (error == simdjson::INCORRECT_TYPE)
        return rejected(RejectReason::WrongType, wrongTypeDetail);
    if (error == simdjson::UTF8_ERROR)
        return rejected(RejectReason::InvalidUtf8, "not valid UTF-8");
    return rejected(RejectReason::BadJson, "malformed JSON");
}

// The raw key is followed by its closing quote inside the padded buffer, so reading name's length
// plus one byte is always in bounds. A literal's size is a constant: memcmp becomes a few loads.
template <std::size_t N> bool keyIs(od::raw_json_string key, const char (&name)[N])
{
    return std::memcmp(key.raw(), name, N - 1) == 0 && key.raw()[N - 1] == '"';
}

std::int32_t clampInt32(std::int64_t v)
{
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(
        v, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()));
}

// Optional integer that may be null or absent: the fallback is kept for null or a wrong type.
simdjson::error_code readNullableInt(od::value& v, std::int64_t& out)
{
    std::int64_t n = 0;
    const auto error = v.get_int64().get(n);
    if (error == simdjson::SUCCESS)
        out = n;
    else if (error != simdjson::INCORRECT_TYPE && error != simdjson::NUMBER_OUT_OF_RANGE &&
             error != simdjson::NUMBER_ERROR)
        return error; // null, strings, floats: keep the fallback; a broken document: report
    return simdjson::SUCCESS;
}

// Optional string: null or a wrong type leave it empty.
simdjson::error_code readOptionalString(od::value& v, std::string& out)
{
    std::string_view s;
    const auto error = v.get_string().get(s);
    if (error == simdjson::SUCCESS)
        out.assign(s.data(), s.size());
    else if (error != simdjson::INCORRECT_TYPE)
        return error;
    return simdjson::SUCCESS;
}

simdjson::error_code readFlag(od::value& v, std::uint16_t flag, std::uint16_t& flags)
{
    bool b = false;
    const auto error = v.get_bool().get(b);
    if (error == simdjson::SUCCESS) {
        if (b)
            flags |= flag;
    } else if (error != simdjson::INCORRECT_TYPE) {
        return error;
    }
    return simdjson::SUCCESS;
}

// revision / length: {"old": n|null, "new": n}; anything but an object is ignored.
simdjson::error_code readOldNew(od::value& v, std::int64_t& oldValue, std::int64_t& newValue,
                                bool& present)
{
    od::object obj;
    const auto error = v.get_object().get(obj);
    if (error == simdjson::INCORRECT_TYPE)
        return simdjson::SUCCESS;
    if (error)
        return error;
    present = true;
    for (auto fieldResult : obj) {
        od::field field;
        if (auto e = std::move(fieldResult).get(field))
            return e;
        const auto key = field.key();
        if (keyIs(key, "old")) {
            if (auto e = readNullableInt(field.value(), oldValue))
                return e;
        } else if (keyIs(key, "new")) {
            if (auto e = readNullableInt(field.value(), newValue))
                return e;
        }
    }
    return simdjson::SUCCESS;
}

void resetRaw(EditEvent& e)
{
    e.timeMs = 0;
    e.idHash = 0;
    e.rcId = -1;
    e.revOld = 0;
    e.revNew = 0;
    e.lengthOld = 0;
    e.lengthNew = 0;
    e.delta = 0;
    e.ns = 0;
    e.flags = 0;
    e.type = EditType::Other;
    // clear() keeps the capacity, so a reused scratch event stops allocating once warm.
    e.metaId.clear();
    e.wiki.clear();
    e.serverName.clear();
    e.project.clear();
    e.language.clear();
    e.title.clear();
    e.user.clear();
    e.comment.clear();
    e.diffUrl.clear();
    e.logType.clear();
}

struct Seen {
    bool meta = false;
    bool metaId = false;
    bool dt = false;
    bool canary = false;
    bool type = false;
    bool title = false;
    bool serverName = false;
    bool wiki = false;
    bool length = false;
    std::string_view domain; // view into the parser's string buffer, valid during this parse
};

ParseResult readMeta(od::value& v, EditEvent& out, Seen& seen)
{
    od::object meta;
    if (auto error = v.get_object().get(meta))
        return fromValueError(error, "meta: not an object");
    seen.meta = true;
    for (auto fieldResult : meta) {
        od::field field;
        if (auto error = std::move(fieldResult).get(field))
            return fromValueError(error, "meta: malformed");
        const auto key = field.key();
        if (keyIs(key, "id")) {
            std::string_view id;
            if (auto error = field.value().get_string().get(id))
                return fromValueError(error, "meta.id: not a string");
            out.metaId.assign(id.data(), id.size());
            out.idHash = hashMetaId(id);
            seen.metaId = true;
        } else if (keyIs(key, "dt")) {
            std::string_view dt;
            if (auto error = field.value().get_string().get(dt))
                return fromValueError(error, "meta.dt: not a string");
            bool ok = false;
            out.timeMs = parseIso8601Ms(dt, ok);
            if (!ok)
                return rejected(RejectReason::WrongType, "meta.dt: not ISO 8601");
            seen.dt = true;
        } else if (keyIs(key, "domain")) {
            std::string_view domain;
            const auto error = field.value().get_string().get(domain);
            if (error == simdjson::SUCCESS) {
                seen.domain = domain;
                seen.canary = domain == "canary";
            } else if (error != simdjson::INCORRECT_TYPE) {
                return fromValueError(error, "meta.domain: malformed");
            }
        }
    }
    return {};
}

} // namespace

std::uint64_t hashMetaId(std::string_view metaId)
{
    // Eight bytes per step (a UUID is 36 bytes: 5 steps instead of 36), read little-endian on
    // every host so the value never depends on the machine.
    constexpr std::uint64_t kP1 = 0x9e3779b185ebca87ull;
    constexpr std::uint64_t kP2 = 0xc2b2ae3d27d4eb4full;
    const auto* p = reinterpret_cast<const unsigned char*>(metaId.data());
    std::size_t n = metaId.size();
    std::uint64_t h = kP2 + static_cast<std::uint64_t>(n) * kP1;
    const auto mixIn = [&h](std::uint64_t w) { h = std::rotl(h ^ (w * kP2), 31) * kP1; };
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if constexpr (std::endian::native == std::endian::big)
            w = __builtin_bswap64(w);
        mixIn(w);
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        for (std::size_t i = 0; i < n; ++i)
            w |= std::uint64_t(p[i]) << (8 * i);
        mixIn(w);
    }
    // murmur3 fmix64: every input bit reaches the low bits the dedup table masks.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

struct EventParser::State {
    explicit State(std::size_t maxEventBytes) : parser(maxEventBytes + simdjson::SIMDJSON_PADDING)
    {
    }

    // Copies json into the reused buffer followed by zeroed padding, as simdjson requires.
    const char* pad(std::string_view json)
    {
        if (json.size() > bufferCapacity || !buffer) {
            bufferCapacity = std::max<std::size_t>({json.size(), bufferCapacity * 2, 16384});
            buffer =
                std::make_unique_for_overwrite<char[]>(bufferCapacity + simdjson::SIMDJSON_PADDING);
        }
        std::memcpy(buffer.get(), json.data(), json.size());
        std::memset(buffer.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
        return buffer.get();
    }

    od::parser parser;
    std::unique_ptr<char[]> buffer; // input copy followed by SIMDJSON_PADDING bytes
    std::size_t bufferCapacity = 0; // usable bytes before the padding
};

EventParser::EventParser(std::size_t maxEventBytes)
    : m_maxEventBytes(maxEventBytes), m_state(std::make_unique<State>(maxEventBytes))
{
}

EventParser::~EventParser() = default;
EventParser::EventParser(EventParser&&) noexcept = default;
EventParser& EventParser::operator=(EventParser&&) noexcept = default;

ParseResult EventParser::parse(std::string_view json, EditEvent& out)
{
    if (json.size() > m_maxEventBytes)
        return rejected(RejectReason::TooLarge, "event larger than the per-event cap");
    if (json.empty())
        return rejected(RejectReason::BadJson, "empty event");
    // Copy first: the checks below then run on bytes that are already in the cache. UTF-8 is
    // validated by simdjson's stage 1 over the whole input, skipped values included
    // (iterate() answers UTF8_ERROR), so no separate pass is needed.
    const char* buffer = m_state->pad(json);
    // On-Demand never looks at values it skips, and JSON never allows a raw NUL: reject it
    // explicitly so that it cannot hide in an ignored field or reach a C string later.
    if (std::memchr(buffer, 0, json.size()) != nullptr)
        return rejected(RejectReason::BadJson, "NUL byte in the event");

    od::document doc;
    if (auto error =
            m_state->parser.iterate(buffer, json.size(), json.size() + simdjson::SIMDJSON_PADDING)
                .get(doc))
        return error == simdjson::UTF8_ERROR
                   ? rejected(RejectReason::InvalidUtf8, "not valid UTF-8")
                   : rejected(RejectReason::BadJson, "malformed JSON");
    od::object root;
    if (auto error = doc.get_object().get(root)) {
        return error == simdjson::INCORRECT_TYPE
                   ? rejected(RejectReason::BadJson, "not a JSON object")
                   : rejected(RejectReason::BadJson, "malformed JSON");
    }

    resetRaw(out);
    Seen seen;
    std::int64_t lengthOld = 0;
    std::int64_t lengthNew = 0;
    std::int64_t ns = 0;
    for (auto fieldResult : root) {
        od::field field;
        if (auto error = std::move(fieldResult).get(field))
            return fromValueError(error, "malformed JSON");
        const auto key = field.key();
        od::value& v = field.value();
        simdjson::error_code error = simdjson::SUCCESS;
        switch (key.raw()[0]) {
        case 'm':
            if (keyIs(key, "meta")) {
                const auto r = readMeta(v, out, seen);
                if (r.status != ParseStatus::Ok)
                    return r;
            } else if (keyIs(key, "minor")) {
                error = readFlag(v, Flag::Minor, out.flags);
            }
            break;
        case 'i':
            if (keyIs(key, "id"))
                error = readNullableInt(v, out.rcId);
            break;
        case 't':
            if (keyIs(key, "type")) {
                std::string_view type;
                if (auto e = v.get_string().get(type))
                    return fromValueError(e, "type: not a string");
                out.type = editTypeFromName(type);
                seen.type = true;
            } else if (keyIs(key, "title")) {
                std::string_view title;
                if (auto e = v.get_string().get(title))
                    return fromValueError(e, "title: not a string");
                out.title.assign(title.data(), title.size());
                seen.title = true;
            }
            break;
        case 'n':
            if (keyIs(key, "namespace"))
                error = readNullableInt(v, ns);
            else if (keyIs(key, "notify_url"))
                error = readOptionalString(v, out.diffUrl);
            break;
        case 'r':
            if (keyIs(key, "revision")) {
                bool present = false;
                error = readOldNew(v, out.revOld, out.revNew, present);
            }
            break;
        case 'l':
            if (keyIs(key, "length"))
                error = readOldNew(v, lengthOld, lengthNew, seen.length);
            else if (keyIs(key, "log_type"))
                error = readOptionalString(v, out.logType);
            break;
        case 'u':
            if (keyIs(key, "user"))
                error = readOptionalString(v, out.user);
            break;
        case 'c':
            if (keyIs(key, "comment"))
                error = readOptionalString(v, out.comment);
            break;
        case 'b':
            if (keyIs(key, "bot"))
                error = readFlag(v, Flag::Bot, out.flags);
            break;
        case 'p':
            if (keyIs(key, "patrolled"))
                error = readFlag(v, Flag::Patrolled, out.flags);
            break;
        case 'w':
            if (keyIs(key, "wiki")) {
                error = readOptionalString(v, out.wiki);
                seen.wiki = !out.wiki.empty();
            }
            break;
        case 's':
            if (keyIs(key, "server_name")) {
                error = readOptionalString(v, out.serverName);
                seen.serverName = !out.serverName.empty();
            }
            break;
        default:
            break;
        }
        if (error)
            return fromValueError(error, "malformed JSON");
    }

    if (!seen.meta)
        return rejected(RejectReason::MissingField, "meta: missing");
    if (!seen.metaId)
        return rejected(RejectReason::MissingField, "meta.id: missing");
    if (!seen.dt)
        return rejected(RejectReason::MissingField, "meta.dt: missing");
    if (seen.canary)
        return {ParseStatus::Canary, {}, "meta.domain: canary"};
    if (!seen.type)
        return rejected(RejectReason::MissingField, "type: missing");
    if (!seen.title)
        return rejected(RejectReason::MissingField, "title: missing");
    if (!seen.serverName && !seen.wiki)
        return rejected(RejectReason::MissingField, "server_name and wiki: both missing");
    if (!seen.serverName) {
        // meta.domain is the host on every real event; the database name is the fallback.
        if (!seen.domain.empty())
            out.serverName.assign(seen.domain.data(), seen.domain.size());
        else
            out.serverName = enrich::hostFromWiki(out.wiki);
    } else if (!seen.wiki) {
        out.wiki = enrich::wikiFromHost(out.serverName);
    }

    out.ns = clampInt32(ns);
    out.lengthOld = clampInt32(lengthOld);
    out.lengthNew = clampInt32(lengthNew);
    if (!seen.length)
        out.flags |= Flag::NoLength;
    return {};
}

} // namespace wt::event
