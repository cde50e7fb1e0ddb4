#pragma once
// Rate-limited warnings for rejected events: at most `burst` lines per reason in each `window`,
// then one "N more suppressed" line when the window rolls over. Lives on the ingest thread.

#include "ingest/IngestCounters.h"

#include <QLoggingCategory>
#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

Q_DECLARE_LOGGING_CATEGORY(lcIngestParse) // "wikitide.ingest.parse"

namespace wt::ingest {

class RejectLog {
public:
    using Clock = std::chrono::steady_clock;

    explicit RejectLog(int burst = 5, Clock::duration window = std::chrono::seconds(10));

    // Logs (or counts as suppressed) one rejection; `event` is quoted, shortened and sanitised.
    void reject(RejectReason reason, const char* detail, std::string_view event,
                Clock::time_point now = Clock::now());
    // Writes the pending "N more suppressed" lines now (e.g. when the stream ends).
    void flush();
    // Lines not written because of the limit, per reason, since construction.
    std::uint64_t suppressed(RejectReason reason) const;
    std::uint64_t logged() const { return m_logged; }

private:
    struct Window {
        Clock::time_point start{};
        int lines = 0;
        std::uint64_t suppressed = 0;
        std::uint64_t totalSuppressed = 0;
    };

    void reportSuppressed(RejectReason reason, Window& w);

    int m_burst;
    Clock::duration m_window;
    std::array<Window, static_cast<std::size_t>(RejectReason::Count)> m_windows{};
    std::uint64_t m_logged = 0;
};

} // namespace wt::ingest
