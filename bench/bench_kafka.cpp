// Kafka throughput: produce and consume at the same time through the embedded (mock) broker on
// 127.0.0.1, >= 1,000,000 real-sized events, then kcat -P with the same file for comparison.
// Usage: bench_kafka [events=1000000]

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <simdjson.h>

#include "event/EventParser.h"
#include "ingest/IngestChain.h"
#include "transport/EmbeddedBroker.h"
#include "transport/EventCodec.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

using namespace wt;
using namespace wt::transport;

namespace {

event::EventBatch loadRecordings()
{
    event::EventBatch out;
    ingest::IngestChain chain;
    const QDir dir(QStringLiteral(WT_SOURCE_DIR "/tests/data"));
    for (const QString& name : dir.entryList({QStringLiteral("*.ndjson")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            chain.process(std::string_view(line.constData(), static_cast<std::size_t>(line.size())), out);
    }
    return out;
}

double seconds(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e9; }

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::size_t total = argc > 1 ? std::stoul(argv[1]) : 1000000;
    const auto base = loadRecordings();
    if (base.empty()) {
        std::fprintf(stderr, "no recordings found\n");
        return 1;
    }
    // Real events cycled, ids rewritten so each one is distinct (dedup would drop repeats).
    event::EventBatch events;
    events.reserve(total);
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < total; ++i) {
        event::EditEvent e = base[i % base.size()];
        e.metaId += '-' + std::to_string(i / base.size());
        e.idHash = event::hashMetaId(e.metaId);
        bytes += EventCodec::encode(e).size();
        events.push_back(std::move(e));
    }
    std::printf("events: %zu (from %zu real events), mean encoded size %.0f bytes\n", total, base.size(),
                double(bytes) / double(total));

    {
        // CPU cost of the codec alone, for reading the end-to-end figure.
        QElapsedTimer t;
        t.start();
        std::string buf;
        std::vector<std::string> encoded;
        encoded.reserve(200000);
        for (std::size_t i = 0; i < std::min<std::size_t>(total, 200000); ++i) {
            buf.clear();
            EventCodec::encode(events[i], buf);
            encoded.push_back(buf);
        }
        const double enc = seconds(t);
        EventCodec codec;
        event::EditEvent e;
        t.restart();
        for (const auto& m : encoded)
            codec.decode(m, e);
        const double dec = seconds(t);
        std::printf("codec: encode %.0f events/s, decode %.0f events/s (simdjson %s)\n",
                    double(encoded.size()) / enc, double(encoded.size()) / dec,
                    simdjson::builtin_implementation()->name().c_str());
    }

    EmbeddedBroker broker(1);
    if (!broker.ok() || !broker.createTopic("bench", 6))
        return 1;
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = "bench";

    std::atomic<std::size_t> consumed{0};
    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    QThread thread;
    source->moveToThread(&thread);
    QObject::connect(&thread, &QThread::started, source, &KafkaSource::start);
    QObject::connect(source, &KafkaSource::batchReady, source,
                     [&](event::EventBatchPtr b) { consumed += b->size(); }, Qt::DirectConnection);
    std::atomic<int> assigned{0};
    QObject::connect(source, &KafkaSource::partitionsAssigned, source, [&](int n) { assigned = n; },
                     Qt::DirectConnection);
    thread.start();
    while (assigned < 6)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));

    KafkaSink sink(config);
    sink.setQueueFullPolicy(KafkaSink::QueueFullPolicy::Block, 10000);
    sink.start();
    QElapsedTimer timer;
    timer.start();
    // Like a live stream, the producer stays at most kWindow events ahead of the dashboard: the
    // mock broker keeps only a few MB per partition, so a consumer further behind would lose data.
    constexpr std::size_t kChunk = 1000;
    constexpr std::size_t kWindow = 60000;
    for (std::size_t i = 0; i < total; i += kChunk) {
        while (i > consumed + kWindow)
            sink.flush(1);
        sink.publishBatch(event::EventBatch(events.begin() + i, events.begin() + std::min(total, i + kChunk)));
    }
    sink.flush(120000);
    const double produceSeconds = seconds(timer);
    while (consumed < total && timer.elapsed() < 120000)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const double endToEnd = seconds(timer);
    const auto sc = sink.counters();
    QMetaObject::invokeMethod(source, [&] { source->stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    delete source;

    const double ourRate = double(consumed) / endToEnd;
    std::printf("wikitide produce+consume: %zu of %zu events in %.2f s = %.0f events/s end to end "
                "(produce side done after %.2f s = %.0f events/s; delivered %llu, failed %llu, dropped %llu)\n",
                consumed.load(), total, endToEnd, ourRate, produceSeconds, double(total) / produceSeconds,
                static_cast<unsigned long long>(sc.delivered), static_cast<unsigned long long>(sc.deliveryFailed),
                static_cast<unsigned long long>(sc.dropped));

    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (kcat.isEmpty()) {
        std::printf("kcat: not installed, no comparison\n");
        return 0;
    }
    const std::string path = QDir::tempPath().toStdString() + "/wikitide-bench-kafka.tsv";
    {
        std::ofstream out(path, std::ios::binary);
        std::string line;
        for (const auto& e : events) {
            line.assign(e.wiki).push_back('\t');
            EventCodec::encode(e, line);
            line.push_back('\n');
            out << line;
        }
    }
    broker.createTopic("bench-kcat", 6);
    QProcess p;
    timer.restart();
    p.start(kcat, {"-P", "-b", QString::fromStdString(config.brokers), "-t", "bench-kcat", "-K", "\t",
                   "-X", "linger.ms=10", "-X", "compression.type=lz4", "-l", QString::fromStdString(path)});
    p.waitForFinished(300000);
    const double kcatSeconds = seconds(timer);
    QFile::remove(QString::fromStdString(path));
    const double kcatRate = double(total) / kcatSeconds;
    std::printf("kcat -P (produce only, same file, same broker): %zu events in %.2f s = %.0f events/s (exit %d)\n",
                total, kcatSeconds, kcatRate, p.exitCode());
    std::printf("ratio wikitide end-to-end / kcat produce-only: %.2f; wikitide produce-only / kcat: %.2f\n",
                ourRate / kcatRate, (double(total) / produceSeconds) / kcatRate);
    return consumed == total ? 0 : 2;
}
