#include "ingest/Recorder.h"

#include <QFile>
#include <cstring>
#include <string>
#include <zlib.h>

namespace wt::ingest {

namespace {
gzFile gz(void* p)
{
    return static_cast<gzFile>(p);
}
} // namespace

Recorder::Recorder(QString path, QObject* parent)
    : QObject(parent), m_path(std::move(path)),
      m_gzip(m_path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive))
{
    m_flushTimer.setInterval(1000);
    connect(&m_flushTimer, &QTimer::timeout, this, &Recorder::flush);
}

Recorder::~Recorder()
{
    close();
}

bool Recorder::open(QString* error)
{
    if (m_file)
        return true;
    // "ab" appends a new gzip member (zlib reads multi-member files back as one stream);
    // "abT" writes plain bytes through the same API.
    const QByteArray name = QFile::encodeName(m_path);
    gzFile f = gzopen(name.constData(), m_gzip ? "ab" : "abT");
    if (!f) {
        if (error)
            *error = QStringLiteral("cannot open %1 for recording: %2")
                         .arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    gzbuffer(f, 256 * 1024);
    m_file = f;
    m_flushTimer.start();
    return true;
}

void Recorder::append(std::string_view json)
{
    if (!m_file || json.empty())
        return;
    int ok = 1;
    if (json.find_first_of("\r\n") == std::string_view::npos) {
        ok = gzwrite(gz(m_file), json.data(), unsigned(json.size())) == int(json.size());
    } else {
        std::string line(json);
        for (char& c : line)
            if (c == '\n' || c == '\r')
                c = ' ';
        ok = gzwrite(gz(m_file), line.data(), unsigned(line.size())) == int(line.size());
    }
    ok = ok && gzputc(gz(m_file), '\n') == '\n';
    if (!ok) {
        ++m_writeErrors;
        if (m_writeErrors == 1) // once: a full disk would otherwise flood the log
            emit writeFailed(QStringLiteral("writing to %1 failed").arg(m_path));
        return;
    }
    ++m_written;
    m_dirty = true;
}

void Recorder::flush()
{
    if (!m_file || !m_dirty)
        return;
    // Z_SYNC_FLUSH ends the deflate block on a byte boundary: a reader (or a replay after a
    // crash) can decompress everything written so far.
    if (gzflush(gz(m_file), Z_SYNC_FLUSH) != Z_OK) {
        ++m_writeErrors;
        emit writeFailed(QStringLiteral("flushing %1 failed").arg(m_path));
    }
    m_dirty = false;
}

void Recorder::close()
{
    m_flushTimer.stop();
    if (!m_file)
        return;
    gzclose(gz(m_file));
    m_file = nullptr;
    m_dirty = false;
}

} // namespace wt::ingest
