#pragma once
// Incremental parser of the WHATWG text/event-stream format: bytes in (any chunking), messages
// out. Pure and Qt-free; owned by whoever reads the stream (SseClient or ReplaySource, ingest
// thread).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wt::ingest {

struct SseMessage {
    std::string event; // "message" when the block had no (or an empty) `event:` field
    std::string data;  // `data:` lines joined with '\n'
    std::string id;    // the last event id in force when this message was dispatched
};

class SseParser {
public:
    explicit SseParser(std::size_t maxEventBytes = 4u << 20);

    // Parses one chunk and appends every message it completes to `out`.
    void feed(std::string_view chunk, std::vector<SseMessage>& out);
    // End of stream: an open block is dropped, not dispatched, and its id is not kept.
    void finish();
    // New connection: BOM/line state and any open block reset; lastEventId() is kept.
    void resetStream();

    // Id of the last fully received block (dispatched, id-only or skipped as oversized).
    const std::string& lastEventId() const { return m_lastEventId; }
    // Seeds the id to resume from (e.g. a saved id handed over on the command line).
    void setLastEventId(std::string id);
    // The last valid `retry:` value, in milliseconds.
    std::optional<int> retryMs() const { return m_retryMs; }
    // Events skipped because their data exceeded maxEventBytes.
    std::uint64_t oversizedSkipped() const { return m_oversizedSkipped; }
    std::size_t maxEventBytes() const { return m_maxEventBytes; }

private:
    void feedLines(std::string_view bytes, std::vector<SseMessage>& out);
    void processLine(std::string_view line, std::vector<SseMessage>& out);
    void processField(std::string_view field, std::string_view value);
    void dispatch(std::vector<SseMessage>& out);
    void overflowPartialLine();
    void dropOpenBlock();

    std::size_t m_maxEventBytes;
    std::string m_line;        // the start of a line that a chunk boundary cut
    std::string m_data;        // data buffer of the open block, each line followed by '\n'
    std::string m_eventType;   // event type buffer of the open block
    std::string m_idBuffer;    // last event id buffer (WHATWG): committed at the blank line
    std::string m_lastEventId; // last event id string of the source: what a resume sends
    std::optional<int> m_retryMs;
    std::uint64_t m_oversizedSkipped = 0;
    std::size_t m_lastDataSize = 0; // reserve hint: consecutive events have similar sizes
    std::uint8_t m_bomMatched = 0;  // bytes of a leading BOM seen so far
    bool m_atStreamStart = true;    // still deciding whether the stream starts with a BOM
    bool m_afterCr = false;         // the previous chunk ended with CR: a leading LF belongs to it
    bool m_discardingLine = false;  // rest of an over-long line is thrown away
    bool m_blockOversized = false;  // the open block went past the cap: skip it at its end
};

} // namespace wt::ingest
