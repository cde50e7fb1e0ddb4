#pragma once
// Where the main window's panels sit (GUI thread): creates the dock widgets and the default
// arrangement, sized for the window it is applied to. Key figures across the top, the
// battlefield in the middle with the traffic below it, the leaderboards on the right, and the
// secondary views as tabs under them. Users may move everything; MainWindow saves the result.

#include <QHash>
#include <QList>
#include <QString>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace wt::ui {

class DockArrangement {
public:
    explicit DockArrangement(QMainWindow* window);

    enum class Place { Top, BelowCentre, Right, RightTabs };
    // A dock with a stable object name (saveState() needs it) holding panel.
    QDockWidget* add(QWidget* panel, const QString& name, const QString& title, Place place);
    // Puts every dock in its default place (after all add() calls, and for "Reset layout").
    void arrange();
    // Splits the window between the docks for its current size; call once it has one.
    void applyDefaultSizes();

    QDockWidget* dock(const QString& name) const { return m_byName.value(name); }
    const QList<QDockWidget*>& docks() const { return m_docks; }

private:
    QMainWindow* m_window;
    QList<QDockWidget*> m_docks;
    QHash<QString, QDockWidget*> m_byName;
    QHash<QDockWidget*, Place> m_places;
};

} // namespace wt::ui
