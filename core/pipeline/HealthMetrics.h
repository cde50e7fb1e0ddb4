#pragma once
// Registry of named health counters and gauges (with help text, labels and a section for the
// health panel). Written from any thread by the stages that own the figures; read as a copy
// (snapshot()) by the metrics endpoint and the health panel. All methods are thread-safe.

#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace wt::ingest {
struct IngestCounters;
}
namespace wt::analytics {
struct DashboardSnapshot;
}

namespace wt::pipeline {

enum class MetricType : std::uint8_t { Counter, Gauge };

using MetricLabels = std::vector<std::pair<QString, QString>>; // name, value; in this order

struct MetricSeries {
    MetricLabels labels;
    double value = 0;
};

struct MetricFamily {
    QString name;    // without the wikitide_ prefix and without _total, e.g. "ingest_events"
    MetricType type = MetricType::Gauge;
    QString help;
    QString section; // group in the health panel: "Ingest", "Analytics", "Store", "Kafka", ...
    QString unit;    // for display: "", "bytes", "seconds", "ms", "events/s"
    std::vector<MetricSeries> series; // sorted by labels
};

struct HealthSnapshot {
    std::int64_t wallMs = 0;
    std::vector<MetricFamily> families; // in registration order
};

class HealthMetrics {
public:
    HealthMetrics();

    // Declares a family; describing it again updates help/section/unit (the type must not change).
    void describe(const QString& name, MetricType type, const QString& help, const QString& section,
                  const QString& unit = {});
    // Sets the value of one series; an undeclared name is declared as a gauge in "Other".
    void set(const QString& name, double value, const MetricLabels& labels = {});
    void add(const QString& name, double delta, const MetricLabels& labels = {});
    // Drops every series of a family (e.g. when Kafka partitions are reassigned).
    void clearSeries(const QString& name);

    HealthSnapshot snapshot() const;
    double value(const QString& name, const MetricLabels& labels = {}) const; // 0 when absent

    // Feeders for the figures the lead gathers; each sets the matching families.
    void updateIngest(const ingest::IngestCounters& counters);
    void updateAnalytics(const analytics::DashboardSnapshot& snapshot);
    void updateStoreWrite(double latencyMs, std::uint64_t minutesWritten, std::uint64_t failures);
    void updateKafkaLag(const QString& topic, int partition, std::int64_t lag);
    void updateQueue(const QString& queue, std::uint64_t depth, std::uint64_t capacity, std::uint64_t dropped);
    void updateReconnectCause(const QString& cause, std::uint64_t count);
    // Process memory (resident and virtual, from /proc/self/statm) and uptime.
    void updateProcess();

private:
    struct Family {
        MetricFamily meta;
        std::map<MetricLabels, double> series;
    };
    Family& family(const QString& name); // m_mutex held

    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<Family>> m_families;
    std::map<QString, Family*> m_byName;
    std::int64_t m_startMs = 0;
};

} // namespace wt::pipeline
