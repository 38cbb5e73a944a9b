/** MicroProfile Health checks: what orchestration asks before routing traffic here. */
package coffer.health;
