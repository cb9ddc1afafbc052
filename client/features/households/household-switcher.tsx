import type { HouseholdSummary } from '../../../shared/types';
import { Logo } from '../../components/logo';

const ADD = '__add__';

/**
 * The household's name in the header, the screen's heading, doubling as the
 * switch between households. A native select is easy on phones but cannot cut
 * a long name short with an ellipsis, so the name shows in the heading and the
 * select lies over it, transparent: a tap anywhere on the name opens it.
 */
export function HouseholdSwitcher({
  households,
  currentId,
  onSwitch,
  onAdd,
}: {
  households: HouseholdSummary[];
  currentId: string;
  onSwitch: (householdId: string) => void;
  onAdd: () => void;
}) {
  const current = households.find((household) => household.id === currentId);
  return (
    <div className="household-switcher">
      <Logo size={28} />
      <div className="household-switcher__control">
        <h1 className="household-switcher__name">{current?.name}</h1>
        <select
          className="household-switcher__select"
          aria-label="Household"
          value={currentId}
          onChange={(event) => (event.target.value === ADD ? onAdd() : onSwitch(event.target.value))}
        >
          {households.map((household) => (
            <option key={household.id} value={household.id}>
              {household.name}
            </option>
          ))}
          <option value={ADD}>＋ Add a household…</option>
        </select>
      </div>
    </div>
  );
}
