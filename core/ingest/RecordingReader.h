#pragma once
// Reads a recording one raw event at a time: NDJSON (one event per line) or a raw SSE capture
// (the data of each dispatched message), either plain or gzip. Used by ReplaySource on the
// ingest thread and by benchmarks; single-threaded, reads at most one block per call.

#include "ingest/SseParser.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wt::ingest {

class RecordingReader {
public:
    enum class Format { Unknown, Ndjson, Sse };
    enum class Next { Record, TooLarge, End };

    explicit RecordingReader(std::size_t maxEventBytes = 4u << 20);
    ~RecordingReader();
    RecordingReader(const RecordingReader&) = delete;
    RecordingReader& operator=(const RecordingReader&) = delete;

    // Opens and sniffs the format (first non-blank byte '{' => NDJSON, else SSE).
    bool open(const QString& path, QString* error);
    void close();

    // Record: `record` holds one raw event (valid until the next call). TooLarge: an event over
    // the cap was skipped (once per event). End: no more data.
    Next next(std::string_view& record);

    Format format() const { return m_format; }
    std::uint64_t bytesRead() const { return m_bytesRead; }
    // Set when the data ended early (a gzip file cut short by a crash or still being written).
    const QString& endNote() const { return m_endNote; }

private:
    bool fill(); // reads one block; false at end of file
    Next nextLine(std::string_view& record);
    Next nextMessage(std::string_view& record);

    std::size_t m_maxEventBytes;
    void* m_file = nullptr; // gzFile
    Format m_format = Format::Unknown;
    std::string m_buf;
    std::size_t m_pos = 0;
    bool m_eof = false;
    bool m_skipping = false; // inside an over-long line, discarding up to its end
    std::uint64_t m_bytesRead = 0;
    QString m_endNote;

    std::unique_ptr<SseParser> m_sse;
    std::vector<SseMessage> m_messages;
    std::size_t m_nextMessage = 0;
    std::string m_current;
    std::uint64_t m_oversizedSeen = 0;
    bool m_sseFinished = false;
};

} // namespace wt::ingest
