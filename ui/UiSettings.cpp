#include "UiSettings.h"

#include <QDir>
#include <QSettings>
#include <algorithm>

#include "alert/AlertRule.h"

namespace wt::ui {

UiSettings::UiSettings(const QString& iniFile)
    : m_settings(iniFile.isEmpty() ? std::make_unique<QSettings>()
                                   : std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

UiSettings::~UiSettings() = default;

qint64 UiSettings::lookbackMs() const
{
    return std::clamp(m_settings->value("view/lookbackMs", 15 * 60'000).toLongLong(),
                      kMinLookbackMs, kMaxLookbackMs);
}
void UiSettings::setLookbackMs(qint64 ms) { m_settings->setValue("view/lookbackMs", ms); }

int UiSettings::refreshMs() const
{
    return std::clamp(m_settings->value("view/refreshMs", 1000).toInt(), kMinRefreshMs, kMaxRefreshMs);
}
void UiSettings::setRefreshMs(int ms) { m_settings->setValue("view/refreshMs", ms); }

int UiSettings::topN() const
{
    return std::clamp(m_settings->value("view/topN", 15).toInt(), kMinTopN, kMaxTopN);
}
void UiSettings::setTopN(int n) { m_settings->setValue("view/topN", n); }

analytics::Filter UiSettings::filter() const
{
    analytics::Filter f;
    f.includeBots = m_settings->value("filter/includeBots", true).toBool();
    f.includeHumans = m_settings->value("filter/includeHumans", true).toBool();
    for (const QVariant& v : m_settings->value("filter/namespaces").toList())
        f.namespaces.push_back(v.toInt());
    f.typeMask = std::uint8_t(m_settings->value("filter/typeMask", uint(analytics::Filter{}.typeMask)).toUInt() & 0x3fu);
    for (const QString& w : m_settings->value("filter/wikis").toStringList())
        f.wikiPatterns.push_back(w.toStdString());
    f.excludeWikis = m_settings->value("filter/excludeWikis", false).toBool();
    f.minAbsDelta = std::max(0, m_settings->value("filter/minAbsDelta", 0).toInt());
    return f;
}

void UiSettings::setFilter(const analytics::Filter& f)
{
    m_settings->setValue("filter/includeBots", f.includeBots);
    m_settings->setValue("filter/includeHumans", f.includeHumans);
    QVariantList ns;
    for (int n : f.namespaces)
        ns << n;
    m_settings->setValue("filter/namespaces", ns);
    m_settings->setValue("filter/typeMask", uint(f.typeMask));
    QStringList wikis;
    for (const auto& w : f.wikiPatterns)
        wikis << QString::fromStdString(w);
    m_settings->setValue("filter/wikis", wikis);
    m_settings->setValue("filter/excludeWikis", f.excludeWikis);
    m_settings->setValue("filter/minAbsDelta", f.minAbsDelta);
}

QStringList UiSettings::keywords() const { return m_settings->value("keywords/patterns").toStringList(); }
void UiSettings::setKeywords(const QStringList& k) { m_settings->setValue("keywords/patterns", k); }

QVariantList UiSettings::alertRules() const
{
    if (!m_settings->contains("alerts/rules"))
        return alert::rulesToVariant(alert::defaultRules());
    return m_settings->value("alerts/rules").toList();
}
void UiSettings::setAlertRules(const QVariantList& rules) { m_settings->setValue("alerts/rules", rules); }

QString UiSettings::exportDir() const
{
    return m_settings->value("paths/export", QDir::homePath()).toString();
}
void UiSettings::setExportDir(const QString& dir) { m_settings->setValue("paths/export", dir); }

QString UiSettings::recordingDir() const
{
    return m_settings->value("paths/recordings", QDir::homePath()).toString();
}
void UiSettings::setRecordingDir(const QString& dir) { m_settings->setValue("paths/recordings", dir); }

QByteArray UiSettings::geometry() const { return m_settings->value("window/geometry").toByteArray(); }
QByteArray UiSettings::windowState() const { return m_settings->value("window/state").toByteArray(); }
void UiSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state)
{
    m_settings->setValue("window/geometry", geometry);
    m_settings->setValue("window/state", state);
}

void UiSettings::sync() { m_settings->sync(); }

} // namespace wt::ui
