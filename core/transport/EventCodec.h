#pragma once
// The Kafka wire form of an enriched EditEvent: one compact JSON object per message (schema in
// docs/kafka-schema.md). Stateless encode; decode keeps a simdjson parser, so one codec per thread.

#include "event/EditEvent.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace wt::transport {

inline constexpr int kSchemaVersion = 1;
inline constexpr const char* kSchemaHeader = "wikitide-schema"; // header value: "1"

// Why a message could not be decoded. Keep in sync with decodeErrorName().
enum class DecodeError : std::uint8_t {
    None,
    BadJson,            // not a JSON object, syntax error, truncated, invalid UTF-8
    NotOurSchema,       // a JSON object without "v": maybe raw recentchange JSON
    UnsupportedVersion, // "v" newer than kSchemaVersion
    MissingField,       // meta_id, time_ms, wiki, type or title absent
    WrongType,          // a field has the wrong JSON type
    Count
};

const char* decodeErrorName(DecodeError error);

class EventCodec {
public:
    EventCodec();
    ~EventCodec();
    EventCodec(const EventCodec&) = delete;
    EventCodec& operator=(const EventCodec&) = delete;

    // Appends the JSON of one event to out (no newline). Invalid UTF-8 in a string becomes U+FFFD,
    // so the output is always valid JSON.
    static void encode(const event::EditEvent& event, std::string& out);
    static std::string encode(const event::EditEvent& event);
    // The allocation-free form: writes at most maxEncodedSize(event) bytes at out and returns the
    // end. The sink encodes into one reused buffer this way.
    static std::size_t maxEncodedSize(const event::EditEvent& event);
    static char* encodeTo(const event::EditEvent& event, char* out);

    // ISO 8601 UTC with milliseconds, e.g. "2018-07-22T17:00:00.000Z".
    static void appendIsoTime(std::int64_t timeMs, std::string& out);
    static char* writeIsoTime(std::int64_t timeMs, char* out); // writes exactly 24 bytes

    // Fills out from one message value. Unknown fields are ignored (forward compatible);
    // idHash is recomputed from meta_id, exactly as the parser does.
    // Our own messages take OwnLayoutDecoder's single pass; anything else (other producers' key
    // order, whitespace, errors) goes through simdjson in decodeGeneral().
    DecodeError decode(std::string_view json, event::EditEvent& out);
    DecodeError decodeGeneral(std::string_view json, event::EditEvent& out);

private:
    struct Parser; // simdjson's ondemand parser; its namespace is an alias, so not
                   // forward-declarable
    std::unique_ptr<Parser> m_parser;
    std::string m_padded; // reused copy with simdjson's padding: Kafka payloads have none
};

} // namespace wt::transport
