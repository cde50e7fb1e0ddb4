#pragma once
// Renders a HealthSnapshot in the Prometheus text exposition format 0.0.4: every family under
// the wikitide_ prefix with HELP and TYPE lines, counters ending in _total, label values escaped.
// Pure functions, any thread.

#include <QByteArray>
#include <QString>

#include "pipeline/HealthMetrics.h"

namespace wt::pipeline {

inline constexpr char kPrometheusContentType[] = "text/plain; version=0.0.4; charset=utf-8";

QByteArray prometheusText(const HealthSnapshot& snapshot);
// The exposed name: "wikitide_" + name (invalid characters become '_') + "_total" for counters.
QString prometheusName(const MetricFamily& family);
QString escapeLabelValue(const QString& value);   // \\, \" and \n
QString escapeHelp(const QString& help);          // \\ and \n

} // namespace wt::pipeline
