#pragma once
// Appends the raw JSON of live events to a file as NDJSON (gzip when the name ends in .gz), so a
// later --replay reproduces the stream. Lives on the ingest thread; flushes at least once a
// second, so a crash loses at most about a second of events.

#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <string_view>

namespace wt::ingest {

class Recorder : public QObject {
    Q_OBJECT
public:
    explicit Recorder(QString path, QObject* parent = nullptr);
    ~Recorder() override;

    // Opens for appending (creating the file). On failure returns false and sets `error`.
    bool open(QString* error);
    bool isOpen() const { return m_file != nullptr; }
    bool isCompressed() const { return m_gzip; }
    const QString& path() const { return m_path; }

    // One event per line; line breaks inside `json` (never inside valid JSON strings) become
    // spaces so the NDJSON framing survives.
    void append(std::string_view json);
    void flush();
    void close();

    std::uint64_t written() const { return m_written; }
    std::uint64_t writeErrors() const { return m_writeErrors; }

signals:
    void writeFailed(const QString& message);

private:
    QString m_path;
    bool m_gzip = false;
    void* m_file = nullptr; // gzFile, kept opaque so zlib.h stays out of this header
    bool m_dirty = false;
    std::uint64_t m_written = 0;
    std::uint64_t m_writeErrors = 0;
    QTimer m_flushTimer;
};

} // namespace wt::ingest
