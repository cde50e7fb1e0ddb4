#include "pipeline/HealthMetrics.h"

#include <QDateTime>
#include <QFile>
#include <unistd.h>

#include "analytics/DashboardSnapshot.h"
#include "ingest/IngestCounters.h"

namespace wt::pipeline {

HealthMetrics::HealthMetrics()
    : m_startMs(QDateTime::currentMSecsSinceEpoch())
{
    // The figures the health panel always shows, declared up front so that HELP/TYPE are
    // right even before the first update.
    const QString ingest = QStringLiteral("Ingest");
    describe(QStringLiteral("ingest_received_events"), MetricType::Counter, QStringLiteral("Raw events handed to the parser."), ingest);
    describe(QStringLiteral("ingest_parsed_events"), MetricType::Counter, QStringLiteral("Events accepted after parsing, enrichment and dedup."), ingest);
    describe(QStringLiteral("ingest_rejected_events"), MetricType::Counter, QStringLiteral("Events the parser rejected, by reason."), ingest);
    describe(QStringLiteral("ingest_canary_events"), MetricType::Counter, QStringLiteral("Canary events dropped."), ingest);
    describe(QStringLiteral("ingest_duplicate_events"), MetricType::Counter, QStringLiteral("Duplicate events (same meta.id) dropped."), ingest);
    describe(QStringLiteral("ingest_reconnects"), MetricType::Counter, QStringLiteral("Stream reconnect attempts after the first connect."), ingest);
    describe(QStringLiteral("ingest_reconnect_causes"), MetricType::Counter, QStringLiteral("Stream reconnects, by cause."), ingest);
    describe(QStringLiteral("ingest_dropped_events"), MetricType::Counter, QStringLiteral("Events dropped by a full queue after ingest."), ingest);
    describe(QStringLiteral("ingest_received_bytes"), MetricType::Counter, QStringLiteral("Raw bytes received."), ingest, QStringLiteral("bytes"));
    const QString queues = QStringLiteral("Queues");
    describe(QStringLiteral("queue_depth"), MetricType::Gauge, QStringLiteral("Items waiting in a bounded queue."), queues);
    describe(QStringLiteral("queue_capacity"), MetricType::Gauge, QStringLiteral("Capacity of a bounded queue."), queues);
    describe(QStringLiteral("queue_dropped_items"), MetricType::Counter, QStringLiteral("Items a full bounded queue had to drop."), queues);
    const QString analytics = QStringLiteral("Analytics");
    describe(QStringLiteral("analytics_velocity"), MetricType::Gauge, QStringLiteral("Events per second over the last 10 s of event time."), analytics, QStringLiteral("events/s"));
    describe(QStringLiteral("analytics_late_events"), MetricType::Counter, QStringLiteral("Events older than the watermark, counted but not added."), analytics);
    describe(QStringLiteral("analytics_lookback_events"), MetricType::Gauge, QStringLiteral("Events in the current lookback after filters."), analytics);
    describe(QStringLiteral("analytics_clock_lag_seconds"), MetricType::Gauge, QStringLiteral("Wall clock minus the engine's event-time clock."), analytics, QStringLiteral("seconds"));
    const QString store = QStringLiteral("Store");
    describe(QStringLiteral("store_write_latency_ms"), MetricType::Gauge, QStringLiteral("Duration of the last history store write."), store, QStringLiteral("ms"));
    describe(QStringLiteral("store_minutes_written"), MetricType::Counter, QStringLiteral("Closed minutes written to the history store."), store);
    describe(QStringLiteral("store_write_failures"), MetricType::Counter, QStringLiteral("History store writes that failed."), store);
    const QString kafka = QStringLiteral("Kafka");
    describe(QStringLiteral("kafka_consumer_lag"), MetricType::Gauge, QStringLiteral("Messages behind the end of the partition."), kafka);
    const QString process = QStringLiteral("Process");
    describe(QStringLiteral("process_resident_memory_bytes"), MetricType::Gauge, QStringLiteral("Resident memory of the process."), process, QStringLiteral("bytes"));
    describe(QStringLiteral("process_virtual_memory_bytes"), MetricType::Gauge, QStringLiteral("Virtual memory of the process."), process, QStringLiteral("bytes"));
    describe(QStringLiteral("process_uptime_seconds"), MetricType::Gauge, QStringLiteral("Seconds since the process started."), process, QStringLiteral("seconds"));
}

HealthMetrics::Family& HealthMetrics::family(const QString& name)
{
    auto it = m_byName.find(name);
    if (it != m_byName.end())
        return *it->second;
    auto f = std::make_unique<Family>();
    f->meta.name = name;
    f->meta.type = MetricType::Gauge;
    f->meta.section = QStringLiteral("Other");
    Family* raw = f.get();
    m_families.push_back(std::move(f));
    m_byName.emplace(name, raw);
    return *raw;
}

void HealthMetrics::describe(const QString& name, MetricType type, const QString& help, const QString& section,
                             const QString& unit)
{
    std::lock_guard lock(m_mutex);
    Family& f = family(name);
    f.meta.type = type;
    f.meta.help = help;
    f.meta.section = section;
    f.meta.unit = unit;
}

void HealthMetrics::set(const QString& name, double value, const MetricLabels& labels)
{
    std::lock_guard lock(m_mutex);
    family(name).series[labels] = value;
}

void HealthMetrics::add(const QString& name, double delta, const MetricLabels& labels)
{
    std::lock_guard lock(m_mutex);
    family(name).series[labels] += delta;
}

void HealthMetrics::clearSeries(const QString& name)
{
    std::lock_guard lock(m_mutex);
    family(name).series.clear();
}

HealthSnapshot HealthMetrics::snapshot() const
{
    HealthSnapshot s;
    s.wallMs = QDateTime::currentMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    s.families.reserve(m_families.size());
    for (const auto& f : m_families) {
        MetricFamily copy = f->meta;
        for (const auto& [labels, value] : f->series)
            copy.series.push_back(MetricSeries{labels, value});
        s.families.push_back(std::move(copy));
    }
    return s;
}

double HealthMetrics::value(const QString& name, const MetricLabels& labels) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_byName.find(name);
    if (it == m_byName.end())
        return 0;
    auto s = it->second->series.find(labels);
    return s == it->second->series.end() ? 0 : s->second;
}

void HealthMetrics::updateIngest(const ingest::IngestCounters& c)
{
    set(QStringLiteral("ingest_received_events"), static_cast<double>(c.received));
    set(QStringLiteral("ingest_parsed_events"), static_cast<double>(c.parsed));
    for (std::size_t i = 0; i < c.rejected.size(); ++i) {
        const auto reason = static_cast<ingest::RejectReason>(i);
        set(QStringLiteral("ingest_rejected_events"), static_cast<double>(c.rejected[i]),
            {{QStringLiteral("reason"), QString::fromLatin1(ingest::rejectReasonName(reason))}});
    }
    set(QStringLiteral("ingest_canary_events"), static_cast<double>(c.canary));
    set(QStringLiteral("ingest_duplicate_events"), static_cast<double>(c.duplicates));
    set(QStringLiteral("ingest_reconnects"), static_cast<double>(c.reconnects));
    set(QStringLiteral("ingest_dropped_events"), static_cast<double>(c.dropped));
    set(QStringLiteral("ingest_received_bytes"), static_cast<double>(c.bytes));
}

void HealthMetrics::updateAnalytics(const analytics::DashboardSnapshot& s)
{
    set(QStringLiteral("analytics_velocity"), s.kpis.velocityNow);
    set(QStringLiteral("analytics_late_events"), static_cast<double>(s.kpis.late));
    set(QStringLiteral("analytics_lookback_events"), static_cast<double>(s.kpis.events));
    if (s.clockMs > 0 && s.wallMs > 0)
        set(QStringLiteral("analytics_clock_lag_seconds"), static_cast<double>(s.wallMs - s.clockMs) / 1000.0);
}

void HealthMetrics::updateStoreWrite(double latencyMs, std::uint64_t minutesWritten, std::uint64_t failures)
{
    set(QStringLiteral("store_write_latency_ms"), latencyMs);
    set(QStringLiteral("store_minutes_written"), static_cast<double>(minutesWritten));
    set(QStringLiteral("store_write_failures"), static_cast<double>(failures));
}

void HealthMetrics::updateKafkaLag(const QString& topic, int partition, std::int64_t lag)
{
    set(QStringLiteral("kafka_consumer_lag"), static_cast<double>(lag),
        {{QStringLiteral("topic"), topic}, {QStringLiteral("partition"), QString::number(partition)}});
}

void HealthMetrics::updateQueue(const QString& queue, std::uint64_t depth, std::uint64_t capacity, std::uint64_t dropped)
{
    const MetricLabels labels{{QStringLiteral("queue"), queue}};
    set(QStringLiteral("queue_depth"), static_cast<double>(depth), labels);
    set(QStringLiteral("queue_capacity"), static_cast<double>(capacity), labels);
    set(QStringLiteral("queue_dropped_items"), static_cast<double>(dropped), labels);
}

void HealthMetrics::updateReconnectCause(const QString& cause, std::uint64_t count)
{
    set(QStringLiteral("ingest_reconnect_causes"), static_cast<double>(count), {{QStringLiteral("cause"), cause}});
}

void HealthMetrics::updateProcess()
{
    // statm: size resident shared text lib data dt, in pages.
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = statm.readAll().simplified().split(' ');
        const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
        if (fields.size() >= 2) {
            set(QStringLiteral("process_virtual_memory_bytes"), fields[0].toDouble() * page);
            set(QStringLiteral("process_resident_memory_bytes"), fields[1].toDouble() * page);
        }
    }
    set(QStringLiteral("process_uptime_seconds"),
        static_cast<double>(QDateTime::currentMSecsSinceEpoch() - m_startMs) / 1000.0);
}

} // namespace wt::pipeline
