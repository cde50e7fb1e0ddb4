#include "transport/EventCodec.h"
#include "event/CivilDate.h"

#include "event/EventParser.h"
#include "transport/JsonScan.h"
#include "transport/OwnLayoutDecoder.h"

#include <array>
#include <charconv>
#include <cstring>
#include <simdjson.h>

namespace wt::transport {

namespace {

using event::EditEvent;
namespace Flag = event::Flag;

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t validSequenceLength(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = b0 < 0x80                  ? 1
                      : b0 >= 0xC2 && b0 <= 0xDF ? 2
                      : b0 >= 0xE0 && b0 <= 0xEF ? 3
                      : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                                 : 0;
    if (len == 0 || i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
            return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) || (b0 == 0xF0 && b1 < 0x90) ||
        (b0 == 0xF4 && b1 > 0x8F))
        return 0; // overlong, surrogate or beyond U+10FFFF
    return len;
}

// Writes straight into memory sized by maxEncodedSize(): one pass over each string that
// escapes, validates UTF-8 and copies at once (no std::string growth checks per piece).
struct Writer {
    char* p;

    void escape(unsigned char c)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        switch (c) {
        case '"':
            lit("\\\"");
            break;
        case '\\':
            lit("\\\\");
            break;
        case '\n':
            lit("\\n");
            break;
        case '\r':
            lit("\\r");
            break;
        case '\t':
            lit("\\t");
            break;
        case '\b':
            lit("\\b");
            break;
        case '\f':
            lit("\\f");
            break;
        default: {
            const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            std::memcpy(p, u, 6);
            p += 6;
        }
        }
    }

    // One pass: copy runs of plain ASCII found 16 bytes at a time, escape what must be, check
    // each multi-byte UTF-8 sequence and replace each invalid byte by U+FFFD.
    void escapeString(std::string_view s)
    {
        const std::size_t n = s.size();
        std::size_t i = 0;
        for (;;) {
            const std::size_t k = findJsonSpecial<true>(s.data() + i, n - i);
            std::memcpy(p, s.data() + i, k);
            p += k;
            i += k;
            if (i == n)
                return;
            const auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x80) {
                escape(c);
                ++i;
            } else if (const std::size_t len = validSequenceLength(s, i); len == 0) {
                lit("\xEF\xBF\xBD");
                ++i;
            } else {
                std::memcpy(p, s.data() + i, len);
                p += len;
                i += len;
            }
        }
    }

    template <std::size_t N> void lit(const char (&s)[N])
    {
        std::memcpy(p, s, N - 1);
        p += N - 1;
    }
    void raw(std::string_view s)
    {
        std::memcpy(p, s.data(), s.size());
        p += s.size();
    }
    template <typename Int> void integer(Int value) { p = std::to_chars(p, p + 24, value).ptr; }
    void boolean(bool value)
    {
        if (value)
            lit("true");
        else
            lit("false");
    }
    // A JSON string: at most 6 output bytes per input byte (\u00XX); invalid UTF-8 becomes
    // U+FFFD (3 bytes per bad byte).
    void string(std::string_view s)
    {
        *p++ = '"';
        escapeString(s);
        *p++ = '"';
    }
};

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
    case DecodeError::None:
        return "none";
    case DecodeError::BadJson:
        return "bad-json";
    case DecodeError::NotOurSchema:
        return "not-our-schema";
    case DecodeError::UnsupportedVersion:
        return "unsupported-version";
    case DecodeError::MissingField:
        return "missing-field";
    case DecodeError::WrongType:
        return "wrong-type";
    case DecodeError::Count:
        break;
    }
    return "unknown";
}

struct EventCodec::Parser {
    simdjson::ondemand::parser parser;
};

EventCodec::EventCodec() : m_parser(std::make_unique<Parser>()) {}

EventCodec::~EventCodec() = default;

char* EventCodec::writeIsoTime(std::int64_t timeMs, char* out)
{
    std::int64_t days = timeMs / 86400000;
    std::int64_t msOfDay = timeMs % 86400000;
    if (msOfDay < 0) {
        msOfDay += 86400000;
        --days;
    }
    const auto [y, m, d] = event::civilFromDays(days);
    static constexpr char kTemplate[] = "0000-01-01T00:00:00.000Z";
    std::memcpy(out, kTemplate, 24);
    if (y < 0 || y > 9999)
        return out + 24; // outside ISO 8601 basic years; time_ms stays exact
    const auto ms = static_cast<unsigned>(msOfDay);
    appendDigits(static_cast<unsigned>(y), 4, out);
    appendDigits(m, 2, out + 5);
    appendDigits(d, 2, out + 8);
    appendDigits(ms / 3600000, 2, out + 11);
    appendDigits(ms / 60000 % 60, 2, out + 14);
    appendDigits(ms / 1000 % 60, 2, out + 17);
    appendDigits(ms % 1000, 3, out + 20);
    return out + 24;
}

void EventCodec::appendIsoTime(std::int64_t timeMs, std::string& out)
{
    char buf[24];
    out.append(buf, writeIsoTime(timeMs, buf));
}

std::size_t EventCodec::maxEncodedSize(const EditEvent& e)
{
    // Field names, punctuation, numbers and the date stay under 512 bytes; strings grow at most 6x.
    const std::size_t strings = e.metaId.size() + e.wiki.size() + e.serverName.size() +
                                e.project.size() + e.language.size() + e.title.size() +
                                e.user.size() + e.comment.size() + e.diffUrl.size() +
                                e.logType.size();
    return 512 + 6 * strings;
}

char* EventCodec::encodeTo(const EditEvent& e, char* out)
{
    Writer w{out};
    w.lit("{\"v\":1,\"meta_id\":");
    w.string(e.metaId);
    w.lit(",\"time_ms\":");
    w.integer(e.timeMs);
    w.lit(",\"dt\":\"");
    w.p = writeIsoTime(e.timeMs, w.p);
    w.lit("\",\"wiki\":");
    w.string(e.wiki);
    w.lit(",\"server_name\":");
    w.string(e.serverName);
    w.lit(",\"project\":");
    w.string(e.project);
    w.lit(",\"language\":");
    w.string(e.language);
    w.lit(",\"type\":\"");
    w.raw(event::editTypeName(e.type));
    w.lit("\",\"ns\":");
    w.integer(e.ns);
    w.lit(",\"title\":");
    w.string(e.title);
    w.lit(",\"user\":");
    w.string(e.user);
    w.lit(",\"comment\":");
    w.string(e.comment);
    w.lit(",\"diff_url\":");
    w.string(e.diffUrl);
    w.lit(",\"log_type\":");
    w.string(e.logType);
    w.lit(",\"rc_id\":");
    w.integer(e.rcId);
    w.lit(",\"rev_old\":");
    w.integer(e.revOld);
    w.lit(",\"rev_new\":");
    w.integer(e.revNew);
    w.lit(",\"len_old\":");
    w.integer(e.lengthOld);
    w.lit(",\"len_new\":");
    w.integer(e.lengthNew);
    w.lit(",\"delta\":");
    w.integer(e.delta);
    w.lit(",\"bot\":");
    w.boolean(e.has(Flag::Bot));
    w.lit(",\"minor\":");
    w.boolean(e.has(Flag::Minor));
    w.lit(",\"anonymous\":");
    w.boolean(e.has(Flag::Anonymous));
    w.lit(",\"temporary\":");
    w.boolean(e.has(Flag::Temporary));
    w.lit(",\"new_page\":");
    w.boolean(e.has(Flag::NewPage));
    w.lit(",\"patrolled\":");
    w.boolean(e.has(Flag::Patrolled));
    w.lit(",\"no_length\":");
    w.boolean(e.has(Flag::NoLength));
    w.lit(",\"wikidata_item\":");
    w.boolean(e.has(Flag::WikidataItem));
    w.lit("}");
    return w.p;
}

void EventCodec::encode(const EditEvent& e, std::string& out)
{
    const std::size_t old = out.size();
    out.resize(old + maxEncodedSize(e));
    char* end = encodeTo(e, out.data() + old);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

std::string EventCodec::encode(const EditEvent& event)
{
    std::string out;
    encode(event, out);
    return out;
}

namespace {

// Every field of schema 1, in the order encode() writes them: decode() expects the next key in
// this order first (one comparison per field for our own messages) and searches only when a
// producer wrote another order or other fields.
enum class Key : std::uint8_t {
    V,
    MetaId,
    TimeMs,
    Dt,
    Wiki,
    ServerName,
    Project,
    Language,
    Type,
    Ns,
    Title,
    User,
    Comment,
    DiffUrl,
    LogType,
    RcId,
    RevOld,
    RevNew,
    LenOld,
    LenNew,
    Delta,
    Bot,
    Minor,
    Anonymous,
    Temporary,
    NewPage,
    Patrolled,
    NoLength,
    WikidataItem,
    Unknown
};
constexpr std::string_view kKeyNames[] = {
    "v",         "meta_id",  "time_ms",   "dt",        "wiki",          "server_name",
    "project",   "language", "type",      "ns",        "title",         "user",
    "comment",   "diff_url", "log_type",  "rc_id",     "rev_old",       "rev_new",
    "len_old",   "len_new",  "delta",     "bot",       "minor",         "anonymous",
    "temporary", "new_page", "patrolled", "no_length", "wikidata_item",
};
constexpr std::size_t kKeyCount = std::size(kKeyNames);
static_assert(kKeyCount == static_cast<std::size_t>(Key::Unknown));
constexpr std::uint16_t kFlagOfKey[] = {Flag::Bot,       Flag::Minor,       Flag::Anonymous,
                                        Flag::Temporary, Flag::NewPage,     Flag::Patrolled,
                                        Flag::NoLength,  Flag::WikidataItem};

// Compares the key's raw JSON bytes (no unescaping copy). A key written with escapes (legal but
// never done for these ASCII names) reads as unknown.
Key lookupKey(simdjson::ondemand::raw_json_string raw, std::size_t& next)
{
    if (next < kKeyCount && raw.unsafe_is_equal(kKeyNames[next]))
        return static_cast<Key>(next++);
    for (std::size_t i = 0; i < kKeyCount; ++i) {
        if (raw.unsafe_is_equal(kKeyNames[i])) {
            next = i + 1;
            return static_cast<Key>(i);
        }
    }
    return Key::Unknown;
}

template <typename Int> bool readInt(simdjson::ondemand::value& v, Int& out)
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
    if (OwnLayoutDecoder::decode(json, out))
        return DecodeError::None;
    return decodeGeneral(json, out);
}

DecodeError EventCodec::decodeGeneral(std::string_view json, EditEvent& out)
{
    out = EditEvent{};
    m_padded.assign(json);
    m_padded.append(simdjson::SIMDJSON_PADDING, '\0');
    simdjson::ondemand::document doc;
    if (m_parser->parser.iterate(m_padded.data(), json.size(), m_padded.size()).get(doc) !=
        simdjson::SUCCESS)
        return DecodeError::BadJson;
    simdjson::ondemand::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS)
        return DecodeError::BadJson;

    bool haveVersion = false, haveMetaId = false, haveTime = false, haveWiki = false,
         haveType = false, haveTitle = false;
    bool wrongType = false;
    std::size_t next = 0;
    for (auto fieldResult : obj) {
        if (fieldResult.error() != simdjson::SUCCESS)
            return DecodeError::BadJson; // truncated or malformed: the iterator reports it here
        simdjson::ondemand::field f = fieldResult.value_unsafe();
        const Key key = lookupKey(f.key(), next);
        simdjson::ondemand::value v = f.value();
        bool ok = true;
        switch (key) {
        case Key::V: {
            std::int64_t version = 0;
            ok = readInt(v, version);
            if (ok && version > kSchemaVersion)
                return DecodeError::UnsupportedVersion;
            haveVersion = ok;
            break;
        }
        case Key::MetaId:
            ok = haveMetaId = readString(v, out.metaId);
            break;
        case Key::TimeMs:
            ok = haveTime = readInt(v, out.timeMs);
            break;
        case Key::Wiki:
            ok = haveWiki = readString(v, out.wiki);
            break;
        case Key::ServerName:
            ok = readString(v, out.serverName);
            break;
        case Key::Project:
            ok = readString(v, out.project);
            break;
        case Key::Language:
            ok = readString(v, out.language);
            break;
        case Key::Type: {
            std::string_view s;
            ok = haveType = v.get_string().get(s) == simdjson::SUCCESS;
            if (ok)
                out.type = event::editTypeFromName(s);
            break;
        }
        case Key::Ns:
            ok = readInt(v, out.ns);
            break;
        case Key::Title:
            ok = haveTitle = readString(v, out.title);
            break;
        case Key::User:
            ok = readString(v, out.user);
            break;
        case Key::Comment:
            ok = readString(v, out.comment);
            break;
        case Key::DiffUrl:
            ok = readString(v, out.diffUrl);
            break;
        case Key::LogType:
            ok = readString(v, out.logType);
            break;
        case Key::RcId:
            ok = readInt(v, out.rcId);
            break;
        case Key::RevOld:
            ok = readInt(v, out.revOld);
            break;
        case Key::RevNew:
            ok = readInt(v, out.revNew);
            break;
        case Key::LenOld:
            ok = readInt(v, out.lengthOld);
            break;
        case Key::LenNew:
            ok = readInt(v, out.lengthNew);
            break;
        case Key::Delta:
            ok = readInt(v, out.delta);
            break;
        case Key::Bot:
        case Key::Minor:
        case Key::Anonymous:
        case Key::Temporary:
        case Key::NewPage:
        case Key::Patrolled:
        case Key::NoLength:
        case Key::WikidataItem: {
            bool set = false;
            ok = v.get_bool().get(set) == simdjson::SUCCESS;
            if (set)
                out.flags |= kFlagOfKey[static_cast<int>(key) - static_cast<int>(Key::Bot)];
            break;
        }
        case Key::Dt:      // derived from time_ms, for other readers
        case Key::Unknown: // future fields: the iterator skips the value
            break;
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
