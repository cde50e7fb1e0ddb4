#include "ingest/RecordingReader.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <zlib.h>

namespace wt::ingest {

namespace {
constexpr unsigned kBlock = 256 * 1024;
gzFile gz(void* p)
{
    return static_cast<gzFile>(p);
}

bool isBlank(std::string_view s)
{
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    return true;
}
} // namespace

RecordingReader::RecordingReader(std::size_t maxEventBytes) : m_maxEventBytes(maxEventBytes) {}

RecordingReader::~RecordingReader()
{
    close();
}

bool RecordingReader::open(const QString& path, QString* error)
{
    close();
    const QByteArray name = QFile::encodeName(path);
    // gzopen reads plain files transparently, so one code path serves both.
    gzFile f = gzopen(name.constData(), "rb");
    if (!f) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    gzbuffer(f, kBlock);
    m_file = f;
    // Sniff: read until the first non-blank byte (or the end).
    std::size_t sniffed = 0;
    for (;;) {
        while (sniffed < m_buf.size() && (m_buf[sniffed] == ' ' || m_buf[sniffed] == '\t' ||
                                          m_buf[sniffed] == '\r' || m_buf[sniffed] == '\n'))
            ++sniffed;
        if (sniffed < m_buf.size() || !fill())
            break;
    }
    if (!m_endNote.isEmpty() && m_buf.empty()) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, m_endNote);
        close();
        return false;
    }
    if (sniffed < m_buf.size() && m_buf[sniffed] == '{') {
        m_format = Format::Ndjson;
    } else if (m_buf.compare(sniffed, 4, "\xEF\xBB\xBF{") == 0) {
        m_format = Format::Ndjson;
        m_pos = sniffed + 3; // a BOM before the first object
    } else {
        m_format = Format::Sse;
        m_sse = std::make_unique<SseParser>(m_maxEventBytes);
    }
    return true;
}

void RecordingReader::close()
{
    if (m_file)
        gzclose(gz(m_file));
    m_file = nullptr;
    m_format = Format::Unknown;
    m_buf.clear();
    m_pos = 0;
    m_eof = false;
    m_skipping = false;
    m_bytesRead = 0;
    m_endNote.clear();
    m_sse.reset();
    m_messages.clear();
    m_nextMessage = 0;
    m_oversizedSeen = 0;
    m_sseFinished = false;
}

bool RecordingReader::fill()
{
    if (m_eof || !m_file)
        return false;
    if (m_pos > 0 && m_pos >= m_buf.size() / 2) { // drop the consumed prefix before growing
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    const std::size_t old = m_buf.size();
    m_buf.resize(old + kBlock);
    const int n = gzread(gz(m_file), m_buf.data() + old, kBlock);
    m_buf.resize(old + std::size_t(n > 0 ? n : 0));
    if (n > 0) {
        m_bytesRead += std::uint64_t(n);
        return true;
    }
    m_eof = true;
    int code = Z_OK;
    const char* message = gzerror(gz(m_file), &code);
    if (n < 0 || (code != Z_OK && code != Z_STREAM_END))
        m_endNote = QStringLiteral("the data ends early or is damaged (%1)")
                        .arg(QString::fromLocal8Bit(message));
    return false;
}

RecordingReader::Next RecordingReader::next(std::string_view& record)
{
    if (m_format == Format::Ndjson)
        return nextLine(record);
    if (m_format == Format::Sse)
        return nextMessage(record);
    return Next::End;
}

RecordingReader::Next RecordingReader::nextLine(std::string_view& record)
{
    for (;;) {
        const std::size_t nl = m_buf.find('\n', m_pos);
        if (nl != std::string::npos) {
            const std::size_t start = m_pos;
            m_pos = nl + 1;
            if (m_skipping) { // the tail of an over-long line, already reported
                m_skipping = false;
                continue;
            }
            std::string_view line(m_buf.data() + start, nl - start);
            if (isBlank(line))
                continue;
            if (line.size() > m_maxEventBytes)
                return Next::TooLarge;
            record = line;
            return Next::Record;
        }
        // No line end in the buffer: bound memory when a line is over the cap.
        if (m_buf.size() - m_pos > m_maxEventBytes) {
            const bool report = !m_skipping;
            m_skipping = true;
            m_pos = m_buf.size();
            if (report)
                return Next::TooLarge;
        }
        if (!fill()) {
            if (m_pos >= m_buf.size() || m_skipping)
                return Next::End;
            std::string_view line(m_buf.data() + m_pos, m_buf.size() - m_pos); // no final newline
            m_pos = m_buf.size();
            if (isBlank(line))
                return Next::End;
            record = line;
            return Next::Record;
        }
    }
}

RecordingReader::Next RecordingReader::nextMessage(std::string_view& record)
{
    for (;;) {
        if (m_sse->oversizedSkipped() > m_oversizedSeen) {
            ++m_oversizedSeen;
            return Next::TooLarge;
        }
        while (m_nextMessage < m_messages.size()) {
            m_current.swap(m_messages[m_nextMessage++].data);
            if (isBlank(m_current))
                continue;
            record = m_current;
            return Next::Record;
        }
        m_messages.clear();
        m_nextMessage = 0;
        if (m_pos < m_buf.size()) {
            m_sse->feed(std::string_view(m_buf.data() + m_pos, m_buf.size() - m_pos), m_messages);
            m_pos = m_buf.size();
            continue;
        }
        if (!fill()) {
            if (!m_sseFinished) {
                m_sseFinished = true;
                m_sse->finish(); // a block still open at the end is not dispatched
                if (m_sse->oversizedSkipped() > m_oversizedSeen)
                    continue;
            }
            return Next::End;
        }
    }
}

} // namespace wt::ingest
