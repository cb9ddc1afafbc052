import type { HouseholdWithPresence } from '../../../shared/types';
import { Avatar } from '../../components/avatar';
import { ClockIcon, UsersIcon } from '../../components/icons';
import { useConnectionStatus } from '../../lib/api-provider';
import { orderMembers } from './household-cache';

/** Avatars a phone's members strip shows, the "+N" counting as one. */
const PHONE_AVATARS = 3;

/**
 * Who is in the household and who has it open right now, with the way to
 * what they have been doing (the activity) and to inviting and settings.
 * While we are offline ourselves we cannot know who else is, so the dots go
 * neutral. A phone's strip has room for three avatars: with more members it
 * shows two and counts the others in a "+N"; the sidebar of a wide screen
 * lists everyone.
 */
export function MembersPanel({
  household,
  meId,
  onManage,
  onShowActivity,
}: {
  household: HouseholdWithPresence;
  meId: string;
  onManage: () => void;
  onShowActivity: () => void;
}) {
  const connected = useConnectionStatus().kind === 'connected';
  const members = orderMembers(household.members, household.online, meId);
  const alone = members.length === 1;
  const onPhone = members.length > PHONE_AVATARS ? PHONE_AVATARS - 1 : members.length;
  const others = members.slice(onPhone);

  return (
    <section className={`members${members.length > 2 ? ' members--crowded' : ''}`} aria-labelledby="members-title">
      <h2 id="members-title" className="members__title">
        Household
      </h2>
      <ul className="members__list">
        {members.map((member, index) => {
          const online = connected ? household.online.includes(member.id) : undefined;
          const state = online === undefined ? '' : online ? ', online' : ', away';
          return (
            <li
              key={member.id}
              className={`members__member${index >= onPhone ? ' members__member--beyond-phone' : ''}`}
              aria-label={`${member.displayName}${member.id === meId ? ' (you)' : ''}${state}`}
            >
              <Avatar id={member.id} name={member.displayName} online={online} size="small" />
              <span className="members__name" aria-hidden="true">
                {member.id === meId ? 'You' : member.displayName}
              </span>
            </li>
          );
        })}
        {others.length > 0 && (
          <li className="members__more" aria-label={`and ${others.map((member) => member.displayName).join(', ')}`}>
            +{others.length}
          </li>
        )}
      </ul>
      <button type="button" className="button button--small members__activity" onClick={onShowActivity}>
        <ClockIcon />
        <span className="members__narrow-hidden">Activity</span>
      </button>
      <button type="button" className="button button--small members__invite" onClick={onManage}>
        <UsersIcon />
        {alone ? (
          'Invite someone'
        ) : (
          <span>
            Invite<span className="members__narrow-hidden"> &amp; settings</span>
          </span>
        )}
      </button>
    </section>
  );
}
