// Kafka throughput: produce and consume at the same time through the embedded (mock) broker on
// 127.0.0.1, >= 1,000,000 real-sized events, then kcat -P with the same file for comparison.
// Prints wall time AND CPU time (process, and per thread: ours and librdkafka's), because the
// machine is shared and wall time alone mostly measures the neighbours.
//
// Usage: bench_kafka [events=1000000] [-p partitions=6] [-w window=20000] [-X key=value ...]
//                    [--no-kcat]
//   -X applies to both our producer and consumer (and to kcat when it is a producer property),
//   e.g. -X compression.type=none, -X linger.ms=5.

#include "event/EventParser.h"
#include "ingest/IngestChain.h"
#include "transport/EmbeddedBroker.h"
#include "transport/EventCodec.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <simdjson.h>
#include <sys/resource.h>
#include <thread>

using namespace wt;
using namespace wt::transport;

namespace {

event::EventBatch loadRecordings()
{
    event::EventBatch out;
    ingest::IngestChain chain;
    const QDir dir(QStringLiteral(WT_SOURCE_DIR "/tests/data"));
    for (const QString& name :
         dir.entryList({QStringLiteral("*.ndjson")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            chain.process(std::string_view(line.constData(), static_cast<std::size_t>(line.size())),
                          out);
    }
    return out;
}

double seconds(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

double threadCpu()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double processCpu(int who = RUSAGE_SELF)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU seconds per thread, read from /proc while every thread is still alive. librdkafka names
// its threads rdk:main, rdk:brokerN, rdk:mock; threads sharing a name get #1, #2 in creation
// (thread id) order, e.g. rdk:broker1#1 is the consumer's (started first), #2 the producer's.
std::map<std::string, double> cpuByThread()
{
    std::map<std::string, double> out;
    std::map<std::string, int> seen;
    const double tick = double(sysconf(_SC_CLK_TCK));
    QDir tasks(QStringLiteral("/proc/self/task"));
    QStringList tids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(tids.begin(), tids.end(),
              [](const QString& a, const QString& b) { return a.toLongLong() < b.toLongLong(); });
    for (const QString& tid : tids) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const int open = line.indexOf('('), close = line.lastIndexOf(')');
        if (open < 0 || close < 0)
            continue;
        const std::string name = line.mid(open + 1, close - open - 1).toStdString();
        const auto rest = line.mid(close + 2).split(' ');
        if (rest.size() < 13)
            continue;
        out[name + '#' + std::to_string(++seen[name])] =
            (rest[11].toDouble() + rest[12].toDouble()) / tick;
    }
    return out;
}

struct Options {
    std::size_t total = 1000000;
    int partitions = 6;
    std::size_t window = 20000;
    bool kcat = true;
    std::vector<std::string> properties;
};

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-p" && i + 1 < argc)
            o.partitions = std::stoi(argv[++i]);
        else if (a == "-w" && i + 1 < argc)
            o.window = std::stoul(argv[++i]);
        else if (a == "-X" && i + 1 < argc)
            o.properties.emplace_back(argv[++i]);
        else if (a == "--no-kcat")
            o.kcat = false;
        else
            o.total = std::stoul(a);
    }
    return o;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const Options opt = parse(argc, argv);
    const std::size_t total = opt.total;
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
    std::printf("events: %zu (from %zu real events), mean encoded size %.0f bytes; %d partitions, "
                "window %zu\n",
                total, base.size(), double(bytes) / double(total), opt.partitions, opt.window);

    {
        // CPU cost of the codec alone (thread CPU time, so neighbours do not count).
        std::string buf;
        std::vector<std::string> encoded;
        const std::size_t n = std::min<std::size_t>(total, 200000);
        encoded.reserve(n);
        double c0 = threadCpu();
        for (std::size_t i = 0; i < n; ++i) {
            buf.clear();
            EventCodec::encode(events[i], buf);
            encoded.push_back(buf);
        }
        const double enc = threadCpu() - c0;
        EventCodec codec;
        event::EditEvent e;
        c0 = threadCpu();
        for (const auto& m : encoded)
            codec.decode(m, e);
        const double dec = threadCpu() - c0;
        std::printf("codec (CPU time): encode %.2f us/event (%.0f/s), decode %.2f us/event "
                    "(%.0f/s) (simdjson builtin: %s)\n",
                    enc * 1e6 / double(n), double(n) / enc, dec * 1e6 / double(n), double(n) / dec,
                    simdjson::builtin_implementation()->name().c_str());
    }

    EmbeddedBroker broker(1);
    if (!broker.ok() || !broker.createTopic("bench", opt.partitions))
        return 1;
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = "bench";
    // As `--kafka embedded` should configure its clients (EmbeddedBroker's advice), unless -X
    // says otherwise; -X applies to both.
    auto given = [&](const std::string& key) {
        return std::any_of(opt.properties.begin(), opt.properties.end(),
                           [&](const std::string& p) { return p.rfind(key + '=', 0) == 0; });
    };
    KafkaConfig producerConfig = config, consumerConfig = config;
    std::vector<std::string> producerTuning; // also given to kcat, for a like-for-like comparison
    for (const auto& [key, value] : EmbeddedBroker::producerProperties())
        if (!given(key))
            producerTuning.push_back(key + '=' + value);
    for (const auto& [key, value] : EmbeddedBroker::consumerProperties())
        if (!given(key))
            consumerConfig.addProperty(key + '=' + value);
    for (const auto& p : producerTuning)
        producerConfig.addProperty(p);
    for (const auto& p : opt.properties) {
        producerConfig.addProperty(p);
        consumerConfig.addProperty(p);
    }

    std::printf("settings beyond KafkaConfig's defaults: producer [%s] consumer [%s]\n",
                producerConfig.redactedProperties().join(QLatin1Char(' ')).toUtf8().constData(),
                consumerConfig.redactedProperties().join(QLatin1Char(' ')).toUtf8().constData());

    std::atomic<std::size_t> consumed{0};
    std::atomic<double> consumerCpu{0};
    auto* source = new KafkaSource(consumerConfig);
    source->setStartTimeMs(0);
    QThread thread;
    source->moveToThread(&thread);
    QObject::connect(&thread, &QThread::started, source, &KafkaSource::start);
    QObject::connect(
        source, &KafkaSource::batchReady, source,
        [&](event::EventBatchPtr b) {
            consumed += b->size();
            consumerCpu = threadCpu();
        },
        Qt::DirectConnection);
    std::atomic<int> assigned{0};
    QObject::connect(
        source, &KafkaSource::partitionsAssigned, source, [&](int n) { assigned = n; },
        Qt::DirectConnection);
    thread.start();
    while (assigned < opt.partitions)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));

    // The ingest thread hands over ready batches: cut them before the clock starts.
    constexpr std::size_t kChunk = 1000;
    std::vector<event::EventBatch> chunks;
    for (std::size_t i = 0; i < total; i += kChunk)
        chunks.emplace_back(events.begin() + i, events.begin() + std::min(total, i + kChunk));

    KafkaSink sink(producerConfig);
    sink.setQueueFullPolicy(KafkaSink::QueueFullPolicy::Block, 10000);
    sink.start();
    const auto threadsBefore = cpuByThread();
    const double cpu0 = processCpu();
    const double consumerCpu0 = consumerCpu;
    double producerCpu = threadCpu();
    QElapsedTimer timer;
    timer.start();
    // Like a live stream, the producer stays at most `window` events ahead of the dashboard: the
    // mock broker keeps only 5 MB per partition, and the busiest key (wikidatawiki) carries most
    // of the recordings, so a consumer further behind would lose data.
    qint64 pacedNs = 0; // time the producer waited for the consumer
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        // Sleep, not flush(): rd_kafka_flush() makes librdkafka send at once, ignoring linger.ms,
        // so pacing by flushing would measure tiny batches (2-3x the CPU per event).
        if (c * kChunk > consumed + opt.window) {
            QElapsedTimer waited;
            waited.start();
            while (c * kChunk > consumed + opt.window)
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            pacedNs += waited.nsecsElapsed();
        }
        sink.publishBatch(chunks[c]);
    }
    sink.flush(120000);
    const double produceSeconds = seconds(timer);
    producerCpu = threadCpu() - producerCpu;
    // Wait while the consumer makes progress (a lost message would otherwise wait forever).
    std::size_t last = 0;
    QElapsedTimer stall;
    stall.start();
    while (consumed < total && stall.elapsed() < 5000) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        if (consumed != last) {
            last = consumed;
            stall.restart();
        }
    }
    const double endToEnd = seconds(timer);
    const double cpu = processCpu() - cpu0;
    const auto threadsAfter = cpuByThread();
    const auto sc = sink.counters();
    QMetaObject::invokeMethod(
        source, [&] { source->stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    delete source;

    const double ourRate = double(consumed) / endToEnd;
    std::printf("wikitide produce+consume: %zu of %zu events in %.2f s = %.0f events/s end to end "
                "(produce side done after %.2f s = %.0f events/s, of which %.2f s waiting for the "
                "consumer; delivered %llu, "
                "failed %llu, dropped %llu)\n",
                consumed.load(), total, endToEnd, ourRate, produceSeconds,
                double(total) / produceSeconds, double(pacedNs) / 1e9,
                static_cast<unsigned long long>(sc.delivered),
                static_cast<unsigned long long>(sc.deliveryFailed),
                static_cast<unsigned long long>(sc.dropped));
    std::printf("CPU: process %.2f s = %.2f us/event = %.0f events per CPU-second; producer thread "
                "%.2f us/event, "
                "consumer thread %.2f us/event\n",
                cpu, cpu * 1e6 / double(total), double(total) / cpu,
                producerCpu * 1e6 / double(total),
                (consumerCpu - consumerCpu0) * 1e6 / double(total));
    std::printf("CPU by thread (s):");
    for (const auto& [name, s] : threadsAfter) {
        const auto it = threadsBefore.find(name);
        const double d = s - (it == threadsBefore.end() ? 0.0 : it->second);
        if (d >= 0.01)
            std::printf("  %s %.2f", name.c_str(), d);
    }
    std::printf("\n");

    if (!opt.kcat)
        return consumed == total ? 0 : 2;
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (kcat.isEmpty()) {
        std::printf("kcat: not installed, no comparison\n");
        return consumed == total ? 0 : 2;
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
    broker.createTopic("bench-kcat", opt.partitions);
    QStringList args{"-P",
                     "-b",
                     QString::fromStdString(config.brokers),
                     "-t",
                     "bench-kcat",
                     "-K",
                     "\t",
                     "-X",
                     "linger.ms=10",
                     "-X",
                     "compression.type=lz4"};
    for (const auto& p : producerTuning)
        args << "-X" << QString::fromStdString(p);
    for (const auto& p : opt.properties)
        if (p.rfind("compression", 0) == 0 || p.rfind("linger", 0) == 0 ||
            p.rfind("batch", 0) == 0 || p.rfind("message.max", 0) == 0)
            args << "-X" << QString::fromStdString(p);
    args << "-l" << QString::fromStdString(path);
    QProcess p;
    const double brokerCpu0 = processCpu();
    const double kcatCpu0 = processCpu(RUSAGE_CHILDREN);
    timer.restart();
    p.start(kcat, args);
    p.waitForFinished(300000);
    const double kcatSeconds = seconds(timer);
    const double brokerCpu = processCpu() - brokerCpu0;
    const double kcatCpu = processCpu(RUSAGE_CHILDREN) - kcatCpu0;
    QFile::remove(QString::fromStdString(path));
    const double kcatRate = double(total) / kcatSeconds;
    std::printf("kcat -P (produce only, same file, same broker): %zu events in %.2f s = %.0f "
                "events/s (exit %d; "
                "kcat CPU %.2f s, embedded broker CPU %.2f s: %.2f us/event together)\n",
                total, kcatSeconds, kcatRate, p.exitCode(), kcatCpu, brokerCpu,
                (kcatCpu + brokerCpu) * 1e6 / double(total));
    std::printf(
        "ratio wikitide end-to-end / kcat produce-only: %.2f; wikitide produce-only / kcat: %.2f\n",
        ourRate / kcatRate, (double(total) / produceSeconds) / kcatRate);
    return consumed == total ? 0 : 2;
}
