// Throughput of SseParser on real events framed as EventStreams frames them, fed in 64 KiB
// network-sized chunks. Prints MB/s and events/s; not a test.
#include "ingest/SseParser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <cstdio>

int main()
{
    const QDir dir(QStringLiteral(WT_SOURCE_DIR "/tests/data"));
    const QByteArray id =
        R"([{"topic":"eqiad.mediawiki.recentchange","partition":0,"timestamp":1670732822001},{"topic":"codfw.mediawiki.recentchange","partition":0,"offset":-1}])";
    QByteArray frames;
    qsizetype events = 0;
    for (const QString& name : dir.entryList({QStringLiteral("*.ndjson")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return 1;
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            frames += "event: message\nid: " + id + "\ndata: " + line + "\n\n";
            ++events;
        }
    }
    const int copies = int(256 * 1024 * 1024 / frames.size()) + 1; // about 256 MB in all
    constexpr qsizetype kChunk = 64 * 1024;
    wt::ingest::SseParser parser;
    std::vector<wt::ingest::SseMessage> out;
    std::size_t messages = 0;
    QElapsedTimer timer;
    timer.start();
    for (int c = 0; c < copies; ++c) {
        for (qsizetype at = 0; at < frames.size(); at += kChunk) {
            const qsizetype n = std::min(kChunk, frames.size() - at);
            parser.feed(std::string_view(frames.constData() + at, std::size_t(n)), out);
            messages += out.size();
            out.clear();
        }
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    const double bytes = double(frames.size()) * copies;
    std::printf(
        "SseParser: %.0f MB in %.2f s = %.0f MB/s, %.0f events/s (%zu events, expected %lld)\n",
        bytes / 1e6, seconds, bytes / 1e6 / seconds, double(messages) / seconds, messages,
        static_cast<long long>(events) * copies);
    return messages == std::size_t(events) * std::size_t(copies) ? 0 : 1;
}
