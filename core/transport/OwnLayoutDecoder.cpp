#include "transport/OwnLayoutDecoder.h"

#include "event/EventParser.h"
#include "transport/JsonScan.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <simdjson.h>

namespace wt::transport {

namespace {

namespace Flag = event::Flag;

// A forward reader over the message. Every method returns false when the input departs from
// encode()'s layout; the caller then gives up on the fast path.
class Reader {
public:
    explicit Reader(std::string_view json) : m_p(json.data()), m_end(json.data() + json.size()) {}

    bool atEnd() const { return m_p == m_end; }

    template <std::size_t N> bool literal(const char (&s)[N])
    {
        constexpr std::size_t n = N - 1;
        if (static_cast<std::size_t>(m_end - m_p) < n || std::memcmp(m_p, s, n) != 0)
            return false;
        m_p += n;
        return true;
    }

    // A JSON string (the message is already known to be valid UTF-8). Escapes are decoded;
    // a raw control character or a lone surrogate is refused (the general parser reports it).
    bool string(std::string& out)
    {
        if (m_p == m_end || *m_p != '"')
            return false;
        ++m_p;
        // Most strings have no escape: find the closing quote and assign once.
        const char* run = m_p;
        m_p += findJsonSpecial(m_p, static_cast<std::size_t>(m_end - m_p));
        if (m_p != m_end && *m_p == '"') {
            out.assign(run, static_cast<std::size_t>(m_p - run));
            ++m_p;
            return true;
        }
        out.assign(run, static_cast<std::size_t>(m_p - run));
        while (m_p != m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c != '\\') {
                const std::size_t k = findJsonSpecial(m_p, static_cast<std::size_t>(m_end - m_p));
                out.append(m_p, k);
                m_p += k;
                continue;
            }
            if (++m_p == m_end)
                return false;
            const char e = *m_p++;
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u':
                if (!unicodeEscape(out))
                    return false;
                break;
            default:
                return false;
            }
        }
        return false; // no closing quote
    }

    bool skipString()
    {
        std::string ignored; // only "dt": short, stays in the small-string buffer
        return string(ignored);
    }

    // A JSON integer that fits int64: optional '-', no leading zeros, no fraction or exponent
    // (a '.' or 'e' makes the next literal fail).
    bool integer(std::int64_t& value)
    {
        const bool negative = m_p != m_end && *m_p == '-';
        if (negative)
            ++m_p;
        const char* digits = m_p;
        std::uint64_t v = 0;
        while (m_p != m_end && *m_p >= '0' && *m_p <= '9') {
            if (m_p - digits >= 19)
                return false; // 20 digits or more: out of range (the general parser decides)
            v = v * 10 + static_cast<std::uint64_t>(*m_p - '0');
            ++m_p;
        }
        const auto count = m_p - digits;
        if (count == 0 || (count > 1 && *digits == '0') || (negative && *digits == '0'))
            return false;
        constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (v > kMax + (negative ? 1 : 0))
            return false;
        value = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
        return true;
    }

    template <typename Int> bool integer(Int& out)
    {
        std::int64_t v = 0;
        if (!integer(v))
            return false;
        out = static_cast<Int>(v); // as the general path does (EventCodec's readInt)
        return true;
    }

    bool boolean(bool& value)
    {
        if (literal("true"))
            return value = true, true;
        if (literal("false"))
            return value = false, true;
        return false;
    }

private:
    bool hex4(std::uint32_t& cp)
    {
        if (m_end - m_p < 4)
            return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = *m_p++;
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= static_cast<std::uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= static_cast<std::uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= static_cast<std::uint32_t>(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    bool unicodeEscape(std::string& out)
    {
        std::uint32_t cp = 0;
        if (!hex4(cp))
            return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return false; // a lone low surrogate
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
                return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return true;
    }

    const char* m_p;
    const char* m_end;
};

} // namespace

bool OwnLayoutDecoder::decode(std::string_view json, event::EditEvent& out)
{
    // One vectorised pass (simdjson picks the CPU's kernel at run time) instead of per string.
    if (!simdjson::validate_utf8(json.data(), json.size()))
        return false;
    out = event::EditEvent{};
    Reader r(json);
    std::string type;
    bool bot = false, minor = false, anonymous = false, temporary = false, newPage = false,
         patrolled = false, noLength = false, wikidataItem = false;
    // Same keys in the same order as EventCodec::encodeTo().
    const bool ok =
        r.literal("{\"v\":1,\"meta_id\":") && r.string(out.metaId) && r.literal(",\"time_ms\":") &&
        r.integer(out.timeMs) && r.literal(",\"dt\":") && r.skipString() &&
        r.literal(",\"wiki\":") && r.string(out.wiki) && r.literal(",\"server_name\":") &&
        r.string(out.serverName) && r.literal(",\"project\":") && r.string(out.project) &&
        r.literal(",\"language\":") && r.string(out.language) && r.literal(",\"type\":") &&
        r.string(type) && r.literal(",\"ns\":") && r.integer(out.ns) && r.literal(",\"title\":") &&
        r.string(out.title) && r.literal(",\"user\":") && r.string(out.user) &&
        r.literal(",\"comment\":") && r.string(out.comment) && r.literal(",\"diff_url\":") &&
        r.string(out.diffUrl) && r.literal(",\"log_type\":") && r.string(out.logType) &&
        r.literal(",\"rc_id\":") && r.integer(out.rcId) && r.literal(",\"rev_old\":") &&
        r.integer(out.revOld) && r.literal(",\"rev_new\":") && r.integer(out.revNew) &&
        r.literal(",\"len_old\":") && r.integer(out.lengthOld) && r.literal(",\"len_new\":") &&
        r.integer(out.lengthNew) && r.literal(",\"delta\":") && r.integer(out.delta) &&
        r.literal(",\"bot\":") && r.boolean(bot) && r.literal(",\"minor\":") && r.boolean(minor) &&
        r.literal(",\"anonymous\":") && r.boolean(anonymous) && r.literal(",\"temporary\":") &&
        r.boolean(temporary) && r.literal(",\"new_page\":") && r.boolean(newPage) &&
        r.literal(",\"patrolled\":") && r.boolean(patrolled) && r.literal(",\"no_length\":") &&
        r.boolean(noLength) && r.literal(",\"wikidata_item\":") && r.boolean(wikidataItem) &&
        r.literal("}") && r.atEnd();
    if (!ok)
        return false;
    out.type = event::editTypeFromName(type);
    out.flags = static_cast<std::uint16_t>(
        (bot ? Flag::Bot : 0) | (minor ? Flag::Minor : 0) | (anonymous ? Flag::Anonymous : 0) |
        (temporary ? Flag::Temporary : 0) | (newPage ? Flag::NewPage : 0) |
        (patrolled ? Flag::Patrolled : 0) | (noLength ? Flag::NoLength : 0) |
        (wikidataItem ? Flag::WikidataItem : 0));
    out.idHash = event::hashMetaId(out.metaId);
    return true;
}

} // namespace wt::transport
