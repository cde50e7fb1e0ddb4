#pragma once
// Breakdowns of the lookback (GUI thread): action types, namespaces, editors (bot / anonymous /
// temporary / registered) and minor vs major, as four bar lists gridded to the panel's shape.

#include <QStringList>
#include <QWidget>

#include "analytics/DashboardSnapshot.h"

namespace wt::ui {

class BarListWidget;

class BreakdownPanel : public QWidget {
    Q_OBJECT
public:
    explicit BreakdownPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    static QString namespaceName(int ns);
    // Labels and values currently shown by one list: "types", "namespaces", "editors", "minor".
    QStringList categories(const QString& list) const;
    QList<double> values(const QString& list) const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    BarListWidget* list(const QString& id) const;
    void relayout();

    QList<BarListWidget*> m_lists; // types, namespaces, editors, minor
    QStringList m_ids;
    int m_columns = 0;
};

} // namespace wt::ui
