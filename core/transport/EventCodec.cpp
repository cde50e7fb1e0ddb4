#include "transport/EventCodec.h"

#include <array>
#include <charconv>
#include <cstring>

#include <simdjson.h>

#include "event/EventParser.h"

namespace wt::transport {

namespace {

using event::EditEvent;
namespace Flag = event::Flag;

// Bytes that must be escaped in a JSON string: '"', '\\' and the C0 controls.
constexpr std::array<bool, 256> makeEscapeTable()
{
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c)
        table[c] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
}
constexpr auto kNeedsEscape = makeEscapeTable();

void appendEscapedValid(std::string_view s, std::string& out)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (!kNeedsEscape[c])
            continue;
        out.append(s.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            out.append(u, 6);
        }
        }
    }
    out.append(s.data() + runStart, s.size() - runStart);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t validSequenceLength(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = b0 < 0x80 ? 1 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3
        : b0 >= 0xF0 && b0 <= 0xF4                                                              ? 4
                                                                                                 : 0;
    if (len == 0 || i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
            return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) || (b0 == 0xF0 && b1 < 0x90)
        || (b0 == 0xF4 && b1 > 0x8F))
        return 0; // overlong, surrogate or beyond U+10FFFF
    return len;
}

void appendString(std::string_view s, std::string& out)
{
    out += '"';
    if (simdjson::validate_utf8(s.data(), s.size())) {
        appendEscapedValid(s, out);
    } else {
        // Rare: events come from validated JSON, but a string built elsewhere may not be.
        std::string clean;
        clean.reserve(s.size() + 8);
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t len = validSequenceLength(s, i);
            if (len == 0) {
                clean += "\xEF\xBF\xBD";
                ++i;
            } else {
                clean.append(s.data() + i, len);
                i += len;
            }
        }
        appendEscapedValid(clean, out);
    }
    out += '"';
}

template <typename Int>
void appendInt(Int value, std::string& out)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, res.ptr);
}

void field(std::string_view key, std::string& out)
{
    out += ",\"";
    out += key;
    out += "\":";
}

void boolField(std::string_view key, bool value, std::string& out)
{
    field(key, out);
    out += value ? "true" : "false";
}

// Days since 1970-01-01 to civil date (Howard Hinnant's algorithm): no locale, no tz lookup.
void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0);
}

void appendDigits(unsigned value, int width, char* at)
{
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

} // namespace

const char* decodeErrorName(DecodeError error)
{
    switch (error) {
    case DecodeError::None: return "none";
    case DecodeError::BadJson: return "bad-json";
    case DecodeError::NotOurSchema: return "not-our-schema";
    case DecodeError::UnsupportedVersion: return "unsupported-version";
    case DecodeError::MissingField: return "missing-field";
    case DecodeError::WrongType: return "wrong-type";
    case DecodeError::Count: break;
    }
    return "unknown";
}

struct EventCodec::Parser {
    simdjson::ondemand::parser parser;
};

EventCodec::EventCodec()
    : m_parser(std::make_unique<Parser>())
{
}

EventCodec::~EventCodec() = default;

void EventCodec::appendIsoTime(std::int64_t timeMs, std::string& out)
{
    std::int64_t days = timeMs / 86400000;
    std::int64_t msOfDay = timeMs % 86400000;
    if (msOfDay < 0) {
        msOfDay += 86400000;
        --days;
    }
    int y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    if (y < 0 || y > 9999) {
        out += "0000-01-01T00:00:00.000Z"; // outside ISO 8601 basic years; time_ms stays exact
        return;
    }
    char buf[25] = "0000-00-00T00:00:00.000Z";
    const auto ms = static_cast<unsigned>(msOfDay);
    appendDigits(static_cast<unsigned>(y), 4, buf);
    appendDigits(m, 2, buf + 5);
    appendDigits(d, 2, buf + 8);
    appendDigits(ms / 3600000, 2, buf + 11);
    appendDigits(ms / 60000 % 60, 2, buf + 14);
    appendDigits(ms / 1000 % 60, 2, buf + 17);
    appendDigits(ms % 1000, 3, buf + 20);
    out.append(buf, 24);
}

void EventCodec::encode(const EditEvent& e, std::string& out)
{
    out += "{\"v\":1,\"meta_id\":";
    appendString(e.metaId, out);
    field("time_ms", out);
    appendInt(e.timeMs, out);
    field("dt", out);
    out += '"';
    appendIsoTime(e.timeMs, out);
    out += '"';
    field("wiki", out);
    appendString(e.wiki, out);
    field("server_name", out);
    appendString(e.serverName, out);
    field("project", out);
    appendString(e.project, out);
    field("language", out);
    appendString(e.language, out);
    field("type", out);
    out += '"';
    out += event::editTypeName(e.type);
    out += '"';
    field("ns", out);
    appendInt(e.ns, out);
    field("title", out);
    appendString(e.title, out);
    field("user", out);
    appendString(e.user, out);
    field("comment", out);
    appendString(e.comment, out);
    field("diff_url", out);
    appendString(e.diffUrl, out);
    field("log_type", out);
    appendString(e.logType, out);
    field("rc_id", out);
    appendInt(e.rcId, out);
    field("rev_old", out);
    appendInt(e.revOld, out);
    field("rev_new", out);
    appendInt(e.revNew, out);
    field("len_old", out);
    appendInt(e.lengthOld, out);
    field("len_new", out);
    appendInt(e.lengthNew, out);
    field("delta", out);
    appendInt(e.delta, out);
    boolField("bot", e.has(Flag::Bot), out);
    boolField("minor", e.has(Flag::Minor), out);
    boolField("anonymous", e.has(Flag::Anonymous), out);
    boolField("temporary", e.has(Flag::Temporary), out);
    boolField("new_page", e.has(Flag::NewPage), out);
    boolField("patrolled", e.has(Flag::Patrolled), out);
    boolField("no_length", e.has(Flag::NoLength), out);
    boolField("wikidata_item", e.has(Flag::WikidataItem), out);
    out += '}';
}

std::string EventCodec::encode(const EditEvent& event)
{
    std::string out;
    out.reserve(256 + event.title.size() + event.comment.size() + event.diffUrl.size());
    encode(event, out);
    return out;
}

namespace {

struct FlagName {
    std::string_view name;
    std::uint16_t bit;
};
constexpr FlagName kFlagNames[] = {
    {"bot", Flag::Bot},           {"minor", Flag::Minor},         {"anonymous", Flag::Anonymous},
    {"temporary", Flag::Temporary}, {"new_page", Flag::NewPage},  {"patrolled", Flag::Patrolled},
    {"no_length", Flag::NoLength}, {"wikidata_item", Flag::WikidataItem},
};

template <typename Int>
bool readInt(simdjson::ondemand::value& v, Int& out)
{
    std::int64_t n;
    if (v.get_int64().get(n) != simdjson::SUCCESS)
        return false;
    out = static_cast<Int>(n);
    return true;
}

bool readString(simdjson::ondemand::value& v, std::string& out)
{
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS)
        return false;
    out.assign(s);
    return true;
}

} // namespace

DecodeError EventCodec::decode(std::string_view json, EditEvent& out)
{
    out = EditEvent{};
    m_padded.assign(json);
    m_padded.append(simdjson::SIMDJSON_PADDING, '\0');
    simdjson::ondemand::document doc;
    if (m_parser->parser.iterate(m_padded.data(), json.size(), m_padded.size()).get(doc) != simdjson::SUCCESS)
        return DecodeError::BadJson;
    simdjson::ondemand::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS)
        return DecodeError::BadJson;

    bool haveVersion = false, haveMetaId = false, haveTime = false, haveWiki = false,
         haveType = false, haveTitle = false;
    bool wrongType = false;
    for (auto fieldResult : obj) {
        if (fieldResult.error() != simdjson::SUCCESS)
            return DecodeError::BadJson; // truncated or malformed: the iterator reports it here
        simdjson::ondemand::field f = fieldResult.value_unsafe();
        std::string_view key;
        if (f.unescaped_key().get(key) != simdjson::SUCCESS)
            return DecodeError::BadJson;
        simdjson::ondemand::value v = f.value();
        bool ok = true;
        if (key == "v") {
            std::int64_t version = 0;
            ok = readInt(v, version);
            if (ok && version > kSchemaVersion)
                return DecodeError::UnsupportedVersion;
            haveVersion = ok;
        } else if (key == "meta_id") {
            ok = haveMetaId = readString(v, out.metaId);
        } else if (key == "time_ms") {
            ok = haveTime = readInt(v, out.timeMs);
        } else if (key == "wiki") {
            ok = haveWiki = readString(v, out.wiki);
        } else if (key == "server_name") {
            ok = readString(v, out.serverName);
        } else if (key == "project") {
            ok = readString(v, out.project);
        } else if (key == "language") {
            ok = readString(v, out.language);
        } else if (key == "type") {
            std::string_view s;
            ok = haveType = v.get_string().get(s) == simdjson::SUCCESS;
            if (ok)
                out.type = event::editTypeFromName(s);
        } else if (key == "ns") {
            ok = readInt(v, out.ns);
        } else if (key == "title") {
            ok = haveTitle = readString(v, out.title);
        } else if (key == "user") {
            ok = readString(v, out.user);
        } else if (key == "comment") {
            ok = readString(v, out.comment);
        } else if (key == "diff_url") {
            ok = readString(v, out.diffUrl);
        } else if (key == "log_type") {
            ok = readString(v, out.logType);
        } else if (key == "rc_id") {
            ok = readInt(v, out.rcId);
        } else if (key == "rev_old") {
            ok = readInt(v, out.revOld);
        } else if (key == "rev_new") {
            ok = readInt(v, out.revNew);
        } else if (key == "len_old") {
            ok = readInt(v, out.lengthOld);
        } else if (key == "len_new") {
            ok = readInt(v, out.lengthNew);
        } else if (key == "delta") {
            ok = readInt(v, out.delta);
        } else {
            for (const auto& flag : kFlagNames) {
                if (key != flag.name)
                    continue;
                bool set = false;
                ok = v.get_bool().get(set) == simdjson::SUCCESS;
                if (set)
                    out.flags |= flag.bit;
                break;
            }
            // Anything else (dt, future fields) is skipped by the iterator.
        }
        if (!ok)
            wrongType = true;
    }
    if (!haveVersion)
        return DecodeError::NotOurSchema;
    if (wrongType)
        return DecodeError::WrongType;
    if (!haveMetaId || !haveTime || !haveWiki || !haveType || !haveTitle)
        return DecodeError::MissingField;
    out.idHash = event::hashMetaId(out.metaId);
    return DecodeError::None;
}

} // namespace wt::transport
