#include "Format.h"

#include <QDateTime>
#include <QLocale>
#include <cmath>

namespace wt::ui::fmt {

namespace {
const QChar kMinus(0x2212); // a real minus sign lines up with '+' in tabular columns

QString scaled(double value)
{
    static const char* const units[] = {"B", "kB", "MB", "GB", "TB"};
    int unit = 0;
    while (std::abs(value) >= 1000.0 && unit < 4) {
        value /= 1000.0;
        ++unit;
    }
    const QLocale locale;
    if (unit == 0)
        return locale.toString(qint64(value)) + QStringLiteral(" B");
    const int decimals = std::abs(value) < 10 ? 2 : (std::abs(value) < 100 ? 1 : 0);
    return locale.toString(value, 'f', decimals) + QLatin1Char(' ') + QLatin1String(units[unit]);
}
} // namespace

QString count(std::uint64_t n) { return QLocale().toString(qulonglong(n)); }

QString bytes(std::int64_t n)
{
    if (n < 0)
        return kMinus + scaled(-double(n));
    return scaled(double(n));
}

QString signedBytes(std::int64_t n)
{
    const QChar sign = n > 0 ? QChar('+') : (n < 0 ? kMinus : QChar());
    const std::int64_t magnitude = n < 0 ? -n : n;
    // Exact bytes while the number is still short enough to read; units beyond.
    const QString body = magnitude < 100000 ? QLocale().toString(qint64(magnitude)) + " B"
                                            : scaled(double(magnitude));
    return sign.isNull() ? body : sign + body;
}

QString share(std::uint64_t part, std::uint64_t whole)
{
    if (whole == 0)
        return QStringLiteral("–");
    return QLocale().toString(100.0 * double(part) / double(whole), 'f', 1) + QStringLiteral(" %");
}

QString rate(double perSecond)
{
    const int decimals = perSecond < 10 ? 2 : (perSecond < 100 ? 1 : 0);
    return QLocale().toString(perSecond, 'f', decimals) + QStringLiteral("/s");
}

QString duration(std::int64_t ms)
{
    const QLocale locale;
    if (ms < 0)
        ms = 0;
    if (ms < 1000)
        return locale.toString(qint64(ms)) + QStringLiteral(" ms");
    const std::int64_t s = ms / 1000;
    if (s < 60)
        return locale.toString(double(ms) / 1000.0, 'f', s < 10 ? 1 : 0) + QStringLiteral(" s");
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return QStringLiteral("%1 d %2 h").arg(locale.toString(qint64(s / 86400))).arg((s % 86400) / 3600);
}

QString clockTime(std::int64_t epochMs)
{
    if (epochMs <= 0)
        return QStringLiteral("–");
    return QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

QString lookback(std::int64_t ms)
{
    const std::int64_t minutes = ms / 60000;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return QStringLiteral("%1 h").arg(minutes / 60);
    return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

} // namespace wt::ui::fmt
