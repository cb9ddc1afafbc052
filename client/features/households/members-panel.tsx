import type { HouseholdWithPresence } from '../../../shared/types';
import { Avatar } from '../../components/avatar';
import { UsersIcon } from '../../components/icons';
import { useConnectionStatus } from '../../lib/api-provider';
import { orderMembers } from './household-cache';

/**
 * Who is in the household and who has it open right now. While we are offline
 * ourselves we cannot know who else is, so the dots go neutral.
 */
export function MembersPanel({ household, meId, onManage }: { household: HouseholdWithPresence; meId: string; onManage: () => void }) {
  const connected = useConnectionStatus().kind === 'connected';
  const members = orderMembers(household.members, household.online, meId);
  const alone = members.length === 1;

  return (
    <section className="members" aria-labelledby="members-title">
      <h2 id="members-title" className="members__title">
        Household
      </h2>
      <ul className="members__list">
        {members.map((member) => {
          const online = connected ? household.online.includes(member.id) : undefined;
          const state = online === undefined ? '' : online ? ', online' : ', away';
          return (
            <li key={member.id} className="members__member" aria-label={`${member.displayName}${member.id === meId ? ' (you)' : ''}${state}`}>
              <Avatar id={member.id} name={member.displayName} online={online} size="small" />
              <span className="members__name" aria-hidden="true">
                {member.id === meId ? 'You' : member.displayName}
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button--small members__invite" onClick={onManage}>
        <UsersIcon />
        {alone ? 'Invite someone' : 'Invite & settings'}
      </button>
    </section>
  );
}
