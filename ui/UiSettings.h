#pragma once
// Every setting the user can change, remembered between runs in QSettings (GUI thread). Typed
// accessors keep key names and defaults in one place.

#include <QByteArray>
#include <QStringList>
#include <QVariantList>
#include <memory>

#include "EngineFilter.h"

class QSettings;

namespace wt::ui {

class UiSettings {
public:
    // Empty path: the user's settings (organisation/application names); else an INI file.
    explicit UiSettings(const QString& iniFile = {});
    ~UiSettings();

    static constexpr qint64 kMinLookbackMs = 60'000;
    static constexpr qint64 kMaxLookbackMs = 3 * 3600'000;
    static constexpr int kMinRefreshMs = 250;
    static constexpr int kMaxRefreshMs = 60'000;
    static constexpr int kMinTopN = 5;
    static constexpr int kMaxTopN = 100;

    qint64 lookbackMs() const;
    void setLookbackMs(qint64 ms);
    int refreshMs() const;
    void setRefreshMs(int ms);
    int topN() const;
    void setTopN(int n);
    analytics::Filter filter() const;
    void setFilter(const analytics::Filter& filter);
    QStringList keywords() const;
    void setKeywords(const QStringList& keywords);
    // Alert rules in their stored form (alert::rulesToVariant) under alerts/rules; the module's
    // default rules until the user saves a set.
    QVariantList alertRules() const;
    void setAlertRules(const QVariantList& rules);
    QString exportDir() const;
    void setExportDir(const QString& dir);
    QString recordingDir() const;
    void setRecordingDir(const QString& dir);
    QByteArray geometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray& geometry, const QByteArray& state);
    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace wt::ui
