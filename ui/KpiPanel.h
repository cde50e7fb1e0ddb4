#pragma once
// The KPI tiles (GUI thread): big numbers for the lookback and small counters for what the
// pipeline refused. Each value label is named "kpi_<id>" so tests and styles can find it.

#include <QHash>
#include <QWidget>

#include "analytics/DashboardSnapshot.h"

class QLabel;
class QGridLayout;

namespace wt::ui {

class KpiPanel : public QWidget {
    Q_OBJECT
public:
    explicit KpiPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    QString valueText(const QString& id) const;
    QString subText(const QString& id) const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void addTile(const QString& id, const QString& title, const QString& tip, int row, int col);
    void addCounter(const QString& id, const QString& title, const QString& tip, int col);
    void set(const QString& id, const QString& value, const QString& sub = {});
    void updateFonts();
    void relayout();

    QGridLayout* m_grid = nullptr;
    QHash<QString, QLabel*> m_values;
    QHash<QString, QLabel*> m_subs;
    QList<QLabel*> m_bigLabels;
    QList<QWidget*> m_tiles; // reading order, re-gridded in one or two rows
    int m_columns = 0;
};

} // namespace wt::ui
