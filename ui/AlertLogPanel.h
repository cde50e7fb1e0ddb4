#pragma once
// The alert log: one row per alert notice (time, rule, kind, subject, reason), newest on top,
// bounded. UI thread; fed by AlertMonitor::alertRaised over a queued connection.

#include <QUrl>
#include <QWidget>

#include "alert/Alert.h"

class QLabel;
class QTableWidget;

namespace wt::ui {

class AlertLogPanel : public QWidget {
    Q_OBJECT
public:
    explicit AlertLogPanel(QWidget* parent = nullptr, int maxRows = 500);

    int rowCount() const;
    int maxRows() const { return m_maxRows; }
    QString cellText(int row, int column) const; // for tests and accessibility

public slots:
    void addAlert(const wt::alert::Alert& alert);
    void clear();

signals:
    void openUrlRequested(const QUrl& url); // double-click on a row that has a URL
    void countChanged(int total);           // notices received since the last clear

private:
    QTableWidget* m_table;
    QLabel* m_count;
    int m_maxRows;
    int m_total = 0;
};

} // namespace wt::ui
