#include "pipeline/PrometheusText.h"

#include <cmath>

namespace wt::pipeline {

namespace {

QString sanitize(const QString& name, bool allowColon)
{
    QString out;
    out.reserve(name.size());
    for (QChar c : name) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || (allowColon && c == QLatin1Char(':'));
        out.append(ok ? c : QLatin1Char('_'));
    }
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(QLatin1Char('_'));
    return out;
}

QString formatValue(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(static_cast<qint64>(v));
    return QString::number(v, 'g', 17);
}

} // namespace

QString escapeLabelValue(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

QString escapeHelp(const QString& help)
{
    QString out = help;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return out;
}

QString prometheusName(const MetricFamily& family)
{
    QString name = QStringLiteral("wikitide_") + sanitize(family.name, true);
    if (family.type == MetricType::Counter && !name.endsWith(QLatin1String("_total")))
        name += QStringLiteral("_total");
    return name;
}

QByteArray prometheusText(const HealthSnapshot& snapshot)
{
    QString out;
    for (const MetricFamily& f : snapshot.families) {
        const QString name = prometheusName(f);
        out += QStringLiteral("# HELP ") + name + QLatin1Char(' ')
            + escapeHelp(f.help.isEmpty() ? f.name : f.help) + QLatin1Char('\n');
        out += QStringLiteral("# TYPE ") + name + QLatin1Char(' ')
            + (f.type == MetricType::Counter ? QStringLiteral("counter") : QStringLiteral("gauge")) + QLatin1Char('\n');
        for (const MetricSeries& s : f.series) {
            out += name;
            if (!s.labels.empty()) {
                out += QLatin1Char('{');
                bool first = true;
                for (const auto& [label, value] : s.labels) {
                    if (!first)
                        out += QLatin1Char(',');
                    first = false;
                    out += sanitize(label, false) + QStringLiteral("=\"") + escapeLabelValue(value) + QLatin1Char('"');
                }
                out += QLatin1Char('}');
            }
            out += QLatin1Char(' ') + formatValue(s.value) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

} // namespace wt::pipeline
