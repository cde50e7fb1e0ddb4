#pragma once
// Shows every figure of a HealthMetrics snapshot, grouped by section, with thousands separators
// and units. UI thread; the lead calls setSnapshot(metrics.snapshot()) on its refresh tick.

#include <QLocale>
#include <QWidget>

#include "pipeline/HealthMetrics.h"

class QTreeWidget;

namespace wt::ui {

class HealthPanel : public QWidget {
    Q_OBJECT
public:
    explicit HealthPanel(QWidget* parent = nullptr);

    // The text a value shows as, e.g. "1,234,567", "117.7 MiB", "1 h 02 min 05 s".
    QString formatValue(double value, const QString& unit) const;
    // The displayed value of a row, found by section and row label (tests, accessibility).
    QString valueText(const QString& section, const QString& row) const;

public slots:
    void setSnapshot(const wt::pipeline::HealthSnapshot& snapshot);

private:
    QTreeWidget* m_tree;
    QLocale m_locale;
};

} // namespace wt::ui
