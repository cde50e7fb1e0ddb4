#include "ingest/RejectLog.h"

#include "Logging.h"

#include <QString>

namespace wt::ingest {

namespace {

constexpr std::size_t kExcerptBytes = 120;

// The first bytes of the event, readable in a log line: controls and NUL shown as '?'; invalid
// UTF-8 becomes U+FFFD through QString.
QString excerpt(std::string_view event)
{
    const bool cut = event.size() > kExcerptBytes;
    QByteArray bytes(event.data(), static_cast<qsizetype>(std::min(event.size(), kExcerptBytes)));
    for (char& c : bytes) {
        if (static_cast<unsigned char>(c) < 0x20)
            c = '?';
    }
    QString text = QString::fromUtf8(bytes);
    if (cut)
        text += QStringLiteral("... (%1 bytes)").arg(event.size());
    return text;
}

} // namespace

RejectLog::RejectLog(int burst, Clock::duration window) : m_burst(burst), m_window(window) {}

void RejectLog::reject(RejectReason reason, const char* detail, std::string_view event,
                       Clock::time_point now)
{
    Window& w = m_windows[static_cast<std::size_t>(reason)];
    if (w.lines == 0 && w.suppressed == 0)
        w.start = now;
    if (now - w.start >= m_window) {
        reportSuppressed(reason, w);
        w.start = now;
        w.lines = 0;
        w.suppressed = 0;
    }
    if (w.lines >= m_burst) {
        ++w.suppressed;
        ++w.totalSuppressed;
        return;
    }
    ++w.lines;
    ++m_logged;
    qCWarning(wt::lcParse).noquote() << "rejected event (" << rejectReasonName(reason)
                                       << "):" << detail << "| event:" << excerpt(event);
}

void RejectLog::reportSuppressed(RejectReason reason, Window& w)
{
    if (w.suppressed == 0)
        return;
    qCWarning(wt::lcParse, "rejected events (%s): %llu more suppressed", rejectReasonName(reason),
              static_cast<unsigned long long>(w.suppressed));
    ++m_logged;
    w.suppressed = 0;
}

void RejectLog::flush()
{
    for (std::size_t i = 0; i < m_windows.size(); ++i) {
        reportSuppressed(static_cast<RejectReason>(i), m_windows[i]);
        m_windows[i].lines = 0;
    }
}

std::uint64_t RejectLog::suppressed(RejectReason reason) const
{
    return m_windows[static_cast<std::size_t>(reason)].totalSuppressed;
}

} // namespace wt::ingest
